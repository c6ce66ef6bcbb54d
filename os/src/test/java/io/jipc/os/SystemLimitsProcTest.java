package io.jipc.os;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link SystemLimits#read} must give the whole number in a procfs file (Files.readString gave one byte). */
class SystemLimitsProcTest {
    @Test
    void readsWholeProcNumbers() throws Exception {
        Path p = Path.of("/proc/sys/fs/mqueue/msgsize_max");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p));
        String text;
        try (InputStream in = Files.newInputStream(p)) {
            text = new String(in.readAllBytes()).trim();
        }
        assertEquals(Long.parseLong(text), SystemLimits.mqMsgsizeMax());
        assertEquals(Long.parseLong(text), SystemLimits.read(p.toString(), -1));
    }
}
