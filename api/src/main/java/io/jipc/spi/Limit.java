package io.jipc.spi;

/**
 * A system limit in force, with where it comes from, for {@code jipc limits} and the report.
 *
 * @param name the limit's usual name ({@code msgmax})
 * @param value its value, as text (a number, or "unlimited", or "unavailable: reason")
 * @param unit the unit ({@code "bytes"}, {@code "messages"}, {@code "queues"}...)
 * @param source where it was read ({@code /proc/sys/kernel/msgmax}, {@code getrlimit(RLIMIT_MSGQUEUE)})
 * @param meaning what it limits, in words
 */
public record Limit(String name, String value, String unit, String source, String meaning) {
}
