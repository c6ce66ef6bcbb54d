package io.jipc.os;

import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcPermissionDenied;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FdTest {
    @TempDir
    Path dir;

    @Test
    void errorsNameTheOperationTheObjectAndTheErrno() {
        String missing = dir.resolve("missing").toString();
        IpcNotFound nf = assertThrows(IpcNotFound.class,
                () -> FileOps.open(missing, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0, "test:/missing"));
        assertTrue(nf.getMessage().contains("open"), nf.getMessage());
        assertTrue(nf.getMessage().contains("test:/missing"), nf.getMessage());
        assertTrue(nf.getMessage().contains("ENOENT"), nf.getMessage());
        assertTrue(nf.getMessage().contains(missing), nf.getMessage());

        IpcException bad = assertThrows(IpcException.class, () -> Fd.fstat(987_654, "test:/fd"));
        assertTrue(bad.getMessage().contains("fstat") && bad.getMessage().contains("EBADF")
                && bad.getMessage().contains("987654 is not open"), bad.getMessage());

        assertEquals(-Errno.ENOENT, FileOps.tryOpen(missing, Fcntl.O_RDONLY, 0));
        assertFalse(FileOps.unlink(missing, "test:/missing"), "a missing file is not an error for remove");
        assertNull(FileOps.lstat(missing, "test:/missing"));
    }

    @Test
    void permissionDeniedIsItsOwnClass() {
        if (Proc.euid() == 0) {
            IpcException e = FileOps.failure("open", "test:/x", "/x", Errno.EACCES);
            assertTrue(e instanceof IpcPermissionDenied && e.getMessage().contains("EACCES"), e.getMessage());
            return;
        }
        assertThrows(IpcPermissionDenied.class, () -> FileOps.open("/proc/1/mem", Fcntl.O_RDWR, 0, "test:/mem"));
    }

    @Test
    void readAndWriteReturnAgainWhenNotReadyAndAllocateNothing() {
        int[] p = Fd.pipe(Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK, "test:pipe");
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        try {
            assertEquals(Fd.AGAIN, Fd.read(p[0], buf, "test:pipe"), "empty pipe");
            assertEquals(0, buf.position());
            long written = 0;
            long w;
            while ((w = Fd.write(p[1], NativeMemory.address(buf), 4096, "test:pipe")) != Fd.AGAIN) {
                written += w;
            }
            assertTrue(written > 0, "the pipe filled up");
            buf.clear();
            assertEquals(4096, Fd.read(p[0], buf, "test:pipe"));
            assertEquals(4096, buf.position());
            long addr = NativeMemory.address(buf);
            for (int i = 0; i < 20_000; i++) { // warm up
                Fd.read(p[0], addr, 1, "test:pipe");
            }
            while (Fd.read(p[0], addr, 4096, "test:pipe") != Fd.AGAIN) {
                // drain
            }
            com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean)
                    java.lang.management.ManagementFactory.getThreadMXBean();
            long before = t.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 10_000; i++) {
                assertEquals(Fd.AGAIN, Fd.read(p[0], addr, 1, "test:pipe"));
            }
            long allocated = t.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertTrue(allocated < 10_000, "allocated " + allocated + " bytes for 10000 EAGAIN reads");
        } finally {
            Fd.close(p[0]);
            Fd.close(p[1]);
        }
        // not p[0] again: once closed, its number may be reused at once by another thread of this JVM
        // (a class loader opening a jar), and then the read would succeed
        IpcException closed = assertThrows(IpcException.class, () -> Fd.read(-1, buf, "test:pipe"));
        assertTrue(closed.getMessage().contains("read") && closed.getMessage().contains("EBADF"), closed.getMessage());
    }

    @Test
    void fstatDupTruncateAndChmod() {
        String f = dir.resolve("f").toString();
        int fd = FileOps.open(f, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL | Fcntl.O_CLOEXEC, 0600, "test:/f");
        try {
            Fd.truncate(fd, 12345, f, "test:/f");
            Fd.chmod(fd, 0640, f, "test:/f");
            int d = Fd.dup(fd, "test:/f");
            try {
                Stat s = Fd.fstat(d, "test:/f");
                assertTrue(s.isRegular());
                assertEquals(12345, s.size());
                assertEquals(0640, s.mode());
                assertEquals(s, FileOps.lstat(f, "test:/f"));
            } finally {
                Fd.close(d);
            }
            assertEquals(0, Fd.statusFlags(fd, "open", "test:/f") & Fcntl.O_NONBLOCK);
            Fd.adopt(fd, "open", "test:/f");
            assertEquals(Fcntl.O_NONBLOCK, Fd.statusFlags(fd, "open", "test:/f") & Fcntl.O_NONBLOCK);
        } finally {
            Fd.close(fd);
        }
        assertTrue(FileOps.unlink(f, "test:/f"));
    }

    @Test
    void procAnswersWhatJnrPosixDid() {
        assertEquals(ProcessHandle.current().pid(), Proc.pid());
        assertTrue(Proc.exists(Proc.pid()));
        assertEquals(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L).intValue(), Proc.ppid());
        long[] l = Proc.rlimit(SysResource.RLIMIT_NOFILE);
        assertTrue(l[0] > 0 && (l[1] == SysResource.RLIM_INFINITY || l[1] >= l[0]));
        assertEquals(0, Proc.setRlimit(SysResource.RLIMIT_NOFILE, l[0], l[1]));
    }
}
