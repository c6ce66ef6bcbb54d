package io.jipc.os;

import io.jipc.os.layout.TimespecLayout;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimespecLayoutTest {
    @Test
    void timespecMatchesTheCompiler() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(List.of("time.h"), "struct timespec", List.of("tv_sec", "tv_nsec"));
        assertEquals(TimespecLayout.SIZE, c.get("sizeof"));
        assertEquals(TimespecLayout.TV_SEC, c.get("tv_sec"));
        assertEquals(TimespecLayout.TV_NSEC, c.get("tv_nsec"));
    }
}
