package io.jipc.posix;

import io.jipc.api.IpcException;
import io.jipc.api.IpcPermissionDenied;
import io.jipc.os.Errno;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks a named semaphore's file, {@code /dev/shm/sem.NAME}, before glibc trusts its bytes: a
 * corrupt semaphore makes glibc's futex calls fail with an error it does not expect, and glibc
 * then aborts the whole process ("The futex facility returned an unexpected error code").
 *
 * <h2>The layout checked (glibc's {@code struct new_sem}, 64-bit atomics: x86-64, aarch64)</h2>
 * <pre>
 * offset 0  uint64_t data     value in the low 32 bits (0..SEM_VALUE_MAX), waiter count in the high 32
 * offset 8  int      private  0x80 for a process-shared semaphore (glibc stores the flag it XORs
 *                             into the futex operation: 0x80 ^ FUTEX_PRIVATE_FLAG = a shared futex);
 *                             0 for a process-private one; anything else is not a semaphore
 * offset 12 padding up to sizeof(sem_t) = 32
 * </pre>
 * Measured with gcc against glibc 2.36 on x86-64 ({@code sem_init(&s, 1, 1)} gives
 * {@code 01000000 00000000 80000000}; a {@code sem_open} file after {@code sem_wait} holds
 * {@code 0 ... 80000000 0...}) and checked by {@code SemaphoreLayoutTest}. jipc uses a named
 * semaphore as a binary one, so its value must also be 0 or 1.
 */
final class SemaphoreFile {
    /** {@code sizeof(sem_t)}. */
    static final int SIZE = 32;
    /** Offset of the 64-bit word holding the value (low half) and the waiter count (high half). */
    static final int DATA = 0;
    /** Offset of {@code int private}. */
    static final int PRIVATE = 8;
    /** {@code private} of a process-shared semaphore (what {@code sem_open} writes). */
    static final int PRIVATE_SHARED = 0x80;

    private SemaphoreFile() {
    }

    /** The file glibc keeps the semaphore {@code name} ({@code /x}) in. */
    static Path path(String name) {
        return Path.of("/dev/shm/sem." + name.substring(1));
    }

    /**
     * Checks the semaphore file of {@code name} before {@code sem_open} maps it.
     *
     * @return the file's identity ({@code dev:ino}), or {@code null} when it does not exist
     * @throws IpcException naming the file and what is wrong with it
     */
    static String check(String op, String uri, String name) {
        Path p = path(name);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw corrupt(op, uri, p, "cannot be examined: " + e);
        }
        if (a.isDirectory()) {
            throw corrupt(op, uri, p, "is a directory, not a semaphore");
        }
        if (a.isSymbolicLink()) {
            throw corrupt(op, uri, p, "is a symbolic link, not a semaphore");
        }
        if (!a.isRegularFile()) {
            throw corrupt(op, uri, p, "is not a regular file (a FIFO, device or socket), not a semaphore");
        }
        if (a.size() != SIZE) {
            throw corrupt(op, uri, p, "is " + a.size() + " bytes long; a glibc semaphore (sem_t) is " + SIZE
                    + " (truncated, or another program's file)");
        }
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder());
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read all 32 bytes
            }
        } catch (AccessDeniedException e) {
            throw new IpcPermissionDenied(op, uri, Errno.EACCES, "EACCES", p + ": the semaphore's mode does not let this user use it");
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw corrupt(op, uri, p, "cannot be read: " + e);
        }
        if (b.hasRemaining()) {
            throw corrupt(op, uri, p, "shrank while being read (" + b.position() + " of " + SIZE + " bytes)");
        }
        String what = problem(b.getLong(DATA), b.getInt(PRIVATE));
        if (what != null) {
            throw corrupt(op, uri, p, what);
        }
        Object dev = attribute(p, "unix:dev");
        Object ino = attribute(p, "unix:ino");
        return dev == null || ino == null ? null : dev + ":" + ino;
    }

    /**
     * The error for a mapped semaphore whose fields went wrong while it was open (someone wrote
     * into the file): {@link SemaphoreWord} checks the fields before every take, give, native
     * wait or post.
     *
     * @param data the {@code data} word read
     * @param priv the {@code private} field read
     */
    static IpcException changed(String op, String uri, String name, long data, int priv) {
        String what = problem(data, priv);
        return corrupt(op, uri, path(name), (what != null ? what : "changed") + " (changed while open)");
    }

    /** What is wrong with these fields, or {@code null}. */
    static String problem(long data, int priv) {
        if (priv != PRIVATE_SHARED) {
            return "holds 0x" + Integer.toHexString(priv) + " where a process-shared glibc semaphore has 0x"
                    + Integer.toHexString(PRIVATE_SHARED) + " (field 'private' at offset " + PRIVATE + "): corrupt, or not a semaphore";
        }
        long value = data & 0xffff_ffffL;
        if (value > 1) {
            return "has the value " + value + "; a jipc mutex is a binary semaphore (0 locked, 1 free): corrupt, "
                    + "or a counting semaphore of another program";
        }
        return null;
    }

    private static Object attribute(Path p, String name) {
        try {
            return Files.getAttribute(p, name, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static IpcException corrupt(String op, String uri, Path p, String what) {
        String rm = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rmdir " : "rm ";
        return new IpcException(op, uri, IpcException.NO_ERRNO, null, "the semaphore file " + p + " " + what
                + "; remove it (" + rm + p + ") if nothing uses it, and open again");
    }
}
