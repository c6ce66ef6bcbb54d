package io.jipc.bench.verify;

import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash matrix for every backend: {@code kill -9} of a mutex holder, a channel sender, a
 * channel receiver and a ring producer mid-write; every observation must equal what the
 * backend's capabilities declare.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CrashMatrixTest {
    @Test
    void observedEqualsDeclaredForEveryBackend() {
        StressNames names = new StressNames(TestNames.prefix(), TestNames.dir());
        List<CrashRow> rows = CrashMatrix.run(null, names, 2, null);
        String table = CrashMatrix.table(rows);
        System.out.println(table);
        Set<String> covered = new TreeSet<>();
        List<String> disagree = new ArrayList<>();
        for (CrashRow r : rows) {
            covered.add(r.backend() + " / " + r.scenario());
            if (!r.agrees()) {
                disagree.add(String.join(" | ", CrashMatrix.cells(r)) + " | " + r.detail());
            }
        }
        assertTrue(disagree.isEmpty(), "observed != declared:\n" + String.join("\n", disagree) + "\n\n" + table);
        int expected = MutexFixture.SCHEMES.size() + 2 * ChannelFixture.SCHEMES.size() + 1;
        assertEquals(expected, covered.size(), "scenarios covered: " + covered);
    }

    @Test
    void jsonCarriesEveryRow() {
        List<CrashRow> rows = List.of(CrashRow.of("x", "holder killed", "lock released", true, false, "a \"quoted\" detail"));
        String json = CrashMatrix.json(rows);
        Object parsed = io.jipc.bench.report.Json.parse(json);
        assertTrue(parsed.toString().contains("lock released"), json);
        assertTrue(json.contains("\"agrees\": false"), json);
    }
}
