package io.jipc.bench;

import io.jipc.bench.report.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What makes {@code jipc bench} exit 1: a benchmark that failed, not one skipped by a limit or a missing backend. */
class BenchFailuresTest {
    @Test
    void failedRowsCountSkippedAndNotAllowedRowsDoNot(@TempDir Path dir) throws Exception {
        String rt = "io.jipc.bench.ChannelRoundTrip.roundTrip";
        Files.writeString(dir.resolve("results.json"), "[]");
        Files.write(dir.resolve("plan.tsv"), List.of(
                rt + "\tmech=aeron,size=64",
                rt + "\tmech=sysv,size=1048576",
                rt + "\tmech=posix,size=64",
                rt + "\tmech=ring,size=64"));
        Files.write(dir.resolve(BenchSupport.SKIPS), List.of(
                rt + "\tmech=aeron,size=64\tskipped: backend 'aeron' not installed",
                rt + "\tmech=sysv,size=1048576\tnot allowed by limit msgmax=8192 (/proc/sys/kernel/msgmax)",
                rt + "\tmech=ring,size=64\tfailed: setup: IllegalStateException: boom"));
        List<String> failed = BenchMain.failures(Results.load(dir.resolve("results.json")));
        assertEquals(2, failed.size(), failed.toString());
        assertTrue(failed.stream().anyMatch(f -> f.contains("posix") && f.contains("no result")), failed.toString());
        assertTrue(failed.stream().anyMatch(f -> f.contains("ring") && f.contains("boom")), failed.toString());
    }

    @Test
    void aRunWhereEverythingRanOrWasSkippedHasNoFailure(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("results.json"), "[]");
        Files.write(dir.resolve("plan.tsv"), List.of("io.jipc.bench.MutexUncontended.lockUnlock\tmech=zookeeper"));
        Files.write(dir.resolve(BenchSupport.SKIPS),
                List.of("io.jipc.bench.MutexUncontended.lockUnlock\tmech=zookeeper\tskipped: backend 'zookeeper' not installed"));
        assertEquals(List.of(), BenchMain.failures(Results.load(dir.resolve("results.json"))));
    }
}
