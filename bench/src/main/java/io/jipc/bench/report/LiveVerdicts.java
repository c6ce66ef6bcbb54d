package io.jipc.bench.report;

import io.jipc.bench.checks.CheckResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Verdicts of the semantic claims (C5, C8, C9, C12 and the observed half of C15) from the live
 * checks the run made ({@code checks.tsv}, see {@link io.jipc.bench.checks.LiveChecks}): confirmed
 * when every check of the claim saw the claimed behaviour, refuted when one saw something else,
 * "depends" when a check could not run or the run made none ("not checked in this run").
 */
final class LiveVerdicts {
    /** Said when the results directory has no {@code checks.tsv}. */
    static final String NOT_CHECKED = "not checked in this run";

    private LiveVerdicts() {
    }

    /** The checks of {@code claimId}, empty when none (or none ran). */
    static List<CheckResult> of(List<CheckResult> checks, String claimId) {
        List<CheckResult> l = new ArrayList<>();
        if (checks != null) {
            for (CheckResult c : checks) {
                if (c.claims().contains(claimId)) {
                    l.add(c);
                }
            }
        }
        return l;
    }

    /** The figures text: what each check saw. */
    static String figures(List<CheckResult> checks, String claimId) {
        if (checks == null) {
            return "live checks: " + NOT_CHECKED + " (results from a run that made none)";
        }
        List<CheckResult> mine = of(checks, claimId);
        if (mine.isEmpty()) {
            return "no live check of this claim in this run";
        }
        List<String> parts = new ArrayList<>();
        for (CheckResult c : mine) {
            parts.add("live check `" + c.name() + "` (" + outcome(c) + "): " + c.observed());
        }
        return String.join(" — ", parts);
    }

    /** The verdict. */
    static String verdict(List<CheckResult> checks, String claimId) {
        if (checks == null) {
            return "depends (" + NOT_CHECKED + ")";
        }
        List<CheckResult> mine = of(checks, claimId);
        if (mine.isEmpty()) {
            return "depends (" + NOT_CHECKED + ")";
        }
        List<String> failed = new ArrayList<>();
        List<String> error = new ArrayList<>();
        for (CheckResult c : mine) {
            if (c.outcome() == CheckResult.Outcome.FAILED) {
                failed.add(c.name());
            } else if (c.outcome() == CheckResult.Outcome.ERROR) {
                error.add(c.name());
            }
        }
        if (!failed.isEmpty()) {
            return "refuted (live check " + String.join(", ", failed) + " saw otherwise)";
        }
        if (!error.isEmpty()) {
            return "depends (live check " + String.join(", ", error) + " could not run)";
        }
        return "confirmed (live check" + (mine.size() > 1 ? "s" : "") + ")";
    }

    /** passed / FAILED / could not run. */
    static String outcome(CheckResult c) {
        switch (c.outcome()) {
            case PASSED: return "passed";
            case FAILED: return "FAILED";
            default: return "could not run";
        }
    }

    /** A claim from its checks. */
    static Analysis.Claim claim(String id, String statement, List<CheckResult> checks) {
        return new Analysis.Claim(id, statement, figures(checks, id), verdict(checks, id));
    }
}
