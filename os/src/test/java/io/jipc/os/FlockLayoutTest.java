package io.jipc.os;

import io.jipc.os.layout.FlockLayout;
import io.jipc.os.layout.StatLayout;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlockLayoutTest {
    @Test
    void flockMatchesTheCompiler() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(List.of("fcntl.h"), "struct flock",
                List.of("l_type", "l_whence", "l_start", "l_len", "l_pid"));
        assertEquals(FlockLayout.SIZE, c.get("sizeof"));
        assertEquals(FlockLayout.L_TYPE, c.get("l_type"));
        assertEquals(FlockLayout.L_WHENCE, c.get("l_whence"));
        assertEquals(FlockLayout.L_START, c.get("l_start"));
        assertEquals(FlockLayout.L_LEN, c.get("l_len"));
        assertEquals(FlockLayout.L_PID, c.get("l_pid"));
    }

    @Test
    void statMatchesTheCompiler() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(List.of("sys/stat.h"), "struct stat",
                List.of("st_dev", "st_ino", "st_nlink", "st_mode", "st_uid", "st_size", "st_mtim"));
        assertEquals(StatLayout.SIZE, c.get("sizeof"));
        assertEquals(StatLayout.ST_DEV, c.get("st_dev"));
        assertEquals(StatLayout.ST_INO, c.get("st_ino"));
        assertEquals(StatLayout.ST_NLINK, c.get("st_nlink"));
        assertEquals(StatLayout.ST_MODE, c.get("st_mode"));
        assertEquals(StatLayout.ST_UID, c.get("st_uid"));
        assertEquals(StatLayout.ST_SIZE, c.get("st_size"));
        assertEquals(StatLayout.ST_MTIM, c.get("st_mtim"));
    }

    @Test
    void statCallsReadTheFields() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("jipc-stat-", ".txt");
        long buf = NativeMemory.allocate(StatLayout.SIZE);
        try {
            java.nio.file.Files.writeString(f, "hello");
            assertEquals(0, SysStat.LIB.lstat(f.toString(), buf));
            assertEquals(io.jipc.os.SysStat.S_IFREG, StatLayout.type(buf));
            assertEquals(1, StatLayout.nlink(buf));
            assertEquals(5, StatLayout.size(buf));
            Object ino = java.nio.file.Files.getAttribute(f, "unix:ino");
            assertEquals(((Number) ino).longValue(), StatLayout.ino(buf));
        } finally {
            NativeMemory.free(buf);
            java.nio.file.Files.deleteIfExists(f);
        }
    }
}
