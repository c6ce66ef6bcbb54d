package io.jipc.bench.checks;

import java.util.List;

/**
 * What one live check saw.
 *
 * @param name     the check's name ({@code sysv-msgtyp-order})
 * @param claims   the claims it gives evidence for ({@code C5})
 * @param outcome  passed (the claimed behaviour was observed), failed (something else was
 *                 observed) or error (the check could not run: backend missing, a limit...)
 * @param observed one sentence with the observed values
 * @param millis   how long it took
 */
public record CheckResult(String name, List<String> claims, Outcome outcome, String observed, long millis) {
    /** How a check ended. */
    public enum Outcome {
        /** The claimed behaviour was observed. */
        PASSED,
        /** The check ran and observed something else. */
        FAILED,
        /** The check could not run here. */
        ERROR
    }

    /** Did the check observe the claimed behaviour? */
    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
