package io.jipc.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** B/op is read from the iterations, so the allocation of a trial's teardown (charged to the last iteration) does not count. */
class AllocPerOpTest {
    @Test
    void theSmallestIterationIsTheFigure() {
        Map<String, Object> metric = Map.of("score", 170.0, "rawData", List.of(List.of(0.02, 340.0)));
        assertEquals(0.02, Results.allocPerOp(metric), 1e-9);
    }

    @Test
    void aRealPerOperationAllocationShowsInEveryIteration() {
        Map<String, Object> metric = Map.of("score", 96.0, "rawData", List.of(List.of(96.0, 96.5), List.of(95.5, 400.0)));
        assertEquals(95.5, Results.allocPerOp(metric), 1e-9);
    }

    @Test
    void oneIterationOrNoRawDataFallsBackToTheScore() {
        assertEquals(7.0, Results.allocPerOp(Map.of("score", 7.0, "rawData", List.of(List.of(3.0)))), 1e-9);
        assertEquals(7.0, Results.allocPerOp(Map.of("score", 7.0)), 1e-9);
    }
}
