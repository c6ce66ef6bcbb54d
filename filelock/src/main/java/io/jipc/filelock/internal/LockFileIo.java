package io.jipc.filelock.internal;

import io.jipc.os.Fd;
import io.jipc.os.NativeMemory;

import java.nio.charset.StandardCharsets;

/** Reading and writing the small identity a lock file holds. */
public final class LockFileIo {
    private LockFileIo() {
    }

    /** Reads up to {@code max} bytes from offset 0; {@code null} on a read error. */
    public static byte[] readAll(int fd, int max) {
        long scratch = NativeMemory.allocate(Math.max(1, max));
        try {
            int n = 0;
            while (n < max) {
                long r = Fd.pread(fd, scratch + n, max - n, n, "lock file");
                if (r <= 0) {
                    break;
                }
                n += (int) r;
            }
            byte[] out = new byte[n];
            NativeMemory.copyToArray(scratch, out, 0, n);
            return out;
        } catch (io.jipc.api.IpcException e) {
            return null;
        } finally {
            NativeMemory.free(scratch);
        }
    }

    /** Writes all of {@code text}; throws on failure (naming {@code op}, the URI and the errno). */
    public static void writeAll(int fd, String text, String op, String uri, String path) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        long scratch = NativeMemory.allocate(Math.max(1, b.length));
        try {
            NativeMemory.copyFromArray(b, 0, scratch, b.length);
            int off = 0;
            while (off < b.length) {
                long r = Fd.write(fd, scratch + off, b.length - off, uri);
                if (r < 0) {
                    throw new io.jipc.api.IpcException(op, uri, io.jipc.api.IpcException.NO_ERRNO, null,
                            "cannot write the lock identity to " + path + " (it would block)");
                }
                off += (int) r;
            }
        } finally {
            NativeMemory.free(scratch);
        }
    }
}
