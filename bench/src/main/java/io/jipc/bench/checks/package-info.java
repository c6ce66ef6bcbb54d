/**
 * Short live checks of the semantic claims (C5, C8, C9, C12, C15), run by {@code jipc bench} on
 * the machine itself: each one exercises a real kernel object (and, where the claim is about
 * processes, a real child JVM killed with {@code SIGKILL}), records what it saw in a sentence,
 * removes everything it created, and lands in {@code checks.tsv} beside the results, which the
 * report reads back to give those claims their verdicts.
 */
package io.jipc.bench.checks;
