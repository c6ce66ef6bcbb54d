package io.jipc.posix;

import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.Mutex;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corrupt {@code /dev/shm/sem.NAME} (issue 11 defect 5) used to abort the JVM inside glibc
 * ("The futex facility returned an unexpected error code", exit 134). Each bad file is opened in a
 * child JVM, so that an abort cannot take the test JVM with it: the child must exit normally,
 * having been refused with a clear {@link IpcException} naming the file and what is wrong.
 */
@ExtendWith(PosixLeakCheck.class)
@Timeout(180)
class PosixSemaphoreCorruptionTest {
    private static byte[] fill(int n, int b) {
        byte[] a = new byte[n];
        Arrays.fill(a, (byte) b);
        return a;
    }

    private static byte[] semaphore(long data, int priv) {
        ByteBuffer b = ByteBuffer.allocate(SemaphoreFile.SIZE).order(ByteOrder.nativeOrder());
        b.putLong(SemaphoreFile.DATA, data);
        b.putInt(SemaphoreFile.PRIVATE, priv);
        return b.array();
    }

    @Test
    void corruptSemaphoreFilesAreRefusedClearlyWithoutAnAbort() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>(); // name -> what the error must say
        List<Path> files = new ArrayList<>();
        try {
            cases.put(make(files, "ff", fill(32, 0xff), null), "0xffffffff");
            cases.put(make(files, "short", fill(16, 0), null), "16 bytes");
            cases.put(make(files, "long", fill(64, 0), null), "64 bytes");
            cases.put(make(files, "empty", new byte[0], null), "0 bytes");
            cases.put(make(files, "private0", semaphore(1, 0), null), "0x0");
            cases.put(make(files, "counting", semaphore(5, SemaphoreFile.PRIVATE_SHARED), null), "value 5");
            cases.put(make(files, "mode0", fill(32, 0xff), "---------"), "sem.");
            String dirName = PosixLeakCheck.name("dir");
            Path dir = SemaphoreFile.path(dirName);
            Files.createDirectory(dir);
            files.add(dir);
            cases.put(dirName, "directory");

            List<String> uris = new ArrayList<>();
            for (String name : cases.keySet()) {
                uris.add("posix:" + name + "?open=open");
            }
            try (ChildProcess child = Spawner.jvm(OpenMutexPeer.class, uris.toArray(new String[0])).start()) {
                int code = child.waitFor(Duration.ofSeconds(120));
                String out = child.output();
                assertEquals(0, code, "the child JVM must not die (134 = glibc abort):\n" + out);
                for (Map.Entry<String, String> c : cases.entrySet()) {
                    String line = out.lines().filter(l -> l.contains("posix:" + c.getKey() + "?")).findFirst().orElse("");
                    assertTrue(line.startsWith("REFUSED ") && line.contains(" Ipc"), "refused with an IpcException: " + line + "\n" + out);
                    assertTrue(line.contains("sem." + c.getKey().substring(1)), "names the file: " + line);
                    assertTrue(line.contains(c.getValue()), "says what is wrong (" + c.getValue() + "): " + line);
                }
            }
        } finally {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    @Test
    void corruptionWhileOpenIsRefusedBeforeTheFutex() throws Exception {
        String name = PosixLeakCheck.name("later");
        Path file = SemaphoreFile.path(name);
        try (Mutex m = Ipc.mutex("posix:" + name)) {
            try {
                m.lock();
                Files.write(file, fill(32, 0xff)); // same inode: the mapping sees it
                IpcException e = assertThrows(IpcException.class, m::unlock);
                assertTrue(e.getMessage().contains("changed while open"), e.getMessage());
                Files.write(file, semaphore(0, SemaphoreFile.PRIVATE_SHARED));
                try (Mutex other = Ipc.mutex("posix:" + name)) {
                    IpcException w = assertThrows(IpcException.class, () -> {
                        Files.write(file, fill(32, 0xff));
                        other.tryLock(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                    });
                    assertTrue(w.getMessage().contains("sem."), w.getMessage());
                    Files.write(file, semaphore(1, SemaphoreFile.PRIVATE_SHARED));
                }
            } finally {
                m.remove();
            }
        }
    }

    /** What the checks rely on, as glibc writes it: 32 bytes, value word, private = 0x80 for a shared semaphore. */
    @Test
    void theSemaphoreFileHasTheLayoutTheChecksExpect() throws Exception {
        String name = PosixLeakCheck.name("layout");
        Path file = SemaphoreFile.path(name);
        try (Mutex m = Ipc.mutex("posix:" + name)) {
            try {
                assertEquals(SemaphoreFile.SIZE, Files.size(file));
                ByteBuffer free = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder());
                assertEquals(1L, free.getLong(SemaphoreFile.DATA), "free: value 1, no waiters");
                assertEquals(SemaphoreFile.PRIVATE_SHARED, free.getInt(SemaphoreFile.PRIVATE), "process-shared");
                m.lock();
                ByteBuffer held = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder());
                assertEquals(0L, held.getLong(SemaphoreFile.DATA), "locked: value 0");
                m.unlock();
            } finally {
                m.remove();
            }
        }
        if (cc()) {
            Path dir = Files.createTempDirectory("jipc-semlayout-");
            try {
                Path src = dir.resolve("p.c");
                Files.writeString(src, "#include <semaphore.h>\n#include <stdio.h>\n#include <string.h>\n"
                        + "int main(void){sem_t s;memset(&s,0,sizeof s);sem_init(&s,1,1);const unsigned char*b=(const unsigned char*)&s;"
                        + "printf(\"%zu\",sizeof(sem_t));for(int i=0;i<12;i++)printf(\" %02x\",b[i]);printf(\"\\n\");return 0;}\n");
                Process p = new ProcessBuilder("cc", "-o", dir.resolve("p").toString(), src.toString(), "-pthread")
                        .redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes());
                assertEquals(0, p.waitFor(), log);
                Process run = new ProcessBuilder(dir.resolve("p").toString()).redirectErrorStream(true).start();
                String got = new String(run.getInputStream().readAllBytes()).trim();
                assertEquals(0, run.waitFor());
                ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
                b.putLong(1L).putInt(SemaphoreFile.PRIVATE_SHARED);
                StringBuilder want = new StringBuilder(Integer.toString(SemaphoreFile.SIZE));
                for (byte x : b.array()) {
                    want.append(String.format(" %02x", x & 0xff));
                }
                assertEquals(want.toString(), got, "sizeof(sem_t) and the bytes of sem_init(&s, 1, 1)");
            } finally {
                deleteTree(dir);
            }
        }
    }

    /** Deletes a temporary directory and what it holds. */
    static void deleteTree(Path dir) throws java.io.IOException {
        try (var w = Files.walk(dir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Is there a C compiler ({@code cc})? */
    static boolean cc() {
        try {
            return new ProcessBuilder("cc", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String make(List<Path> files, String hint, byte[] content, String perms) throws Exception {
        String name = PosixLeakCheck.name(hint);
        Path f = SemaphoreFile.path(name);
        Files.write(f, content);
        files.add(f);
        if (perms != null) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        }
        return name;
    }
}
