package io.jipc.bench.verify;

/**
 * One line of the crash matrix: for a backend and a crash scenario, one thing observed after the
 * {@code kill -9} and what the backend's capabilities declare for it.
 *
 * @param backend  the scheme ({@code sysv-noundo} = {@code sysv:} with {@code undo=false})
 * @param scenario {@code holder killed}, {@code sender killed}, {@code receiver killed},
 *                 {@code producer killed mid-write}
 * @param check    what is compared ({@code lock released}, {@code owner death reported}, ...)
 * @param observed what this run saw
 * @param declared what {@link io.jipc.api.Capabilities} says (and the field it comes from)
 * @param agrees   observed == declared
 * @param detail   what else was seen (counts, the exception that ended a wait), may be empty
 */
public record CrashRow(String backend, String scenario, String check, String observed, String declared, boolean agrees,
                       String detail) {
    static CrashRow of(String backend, String scenario, String check, String observed, String declared, String detail) {
        return new CrashRow(backend, scenario, check, observed, declared, observed.equals(declared), detail);
    }

    static CrashRow of(String backend, String scenario, String check, boolean observed, boolean declared, String detail) {
        return of(backend, scenario, check, observed ? "yes" : "no", declared ? "yes" : "no", detail);
    }

    /** A scenario that could not run: never agrees. */
    static CrashRow failed(String backend, String scenario, Exception e) {
        return new CrashRow(backend, scenario, "scenario ran", "no", "yes", false, ChannelStress.brief(e));
    }
}
