package io.jipc.posix;

import io.jipc.api.IpcUri;
import io.jipc.api.Primitive;
import io.jipc.os.CreatedPaths;
import io.jipc.spi.ObjectInfo;
import io.jipc.spi.ObjectInfo.Usage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the C library keeps POSIX objects on Linux, and their descriptions for the
 * {@code Backend} SPI: a queue {@code posix:/NAME} is {@code /dev/mqueue/NAME} (the mqueue file
 * system, mounted here first when missing and running as root), a semaphore is
 * {@code /dev/shm/sem.NAME} and shared memory is {@code /dev/shm/NAME}. Every regular file of
 * {@code /dev/shm} is listed, since any of them is reachable as {@code posix:/NAME}; the kernel
 * records no creator for any of them, so whether one is used is for a scan of the processes'
 * descriptors and mappings to tell.
 */
final class PosixObjects {
    static final Path DEV_SHM = Path.of("/dev/shm");
    static final Path DEV_MQUEUE = Path.of("/dev/mqueue");
    private static final String SEM_PREFIX = "sem.";

    private PosixObjects() {
    }

    static List<ObjectInfo> all() {
        List<ObjectInfo> out = new ArrayList<>();
        for (Path p : entries(DEV_SHM)) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                out.add(describe(p));
            }
        }
        if (mqueueMounted() || mountMqueue() == null) {
            for (Path p : entries(DEV_MQUEUE)) {
                out.add(describe(p));
            }
        }
        return out;
    }

    /** Why some objects cannot be listed, or null. */
    static String note() {
        if (!Files.isDirectory(DEV_SHM)) {
            return "/dev/shm does not exist: POSIX shared memory and semaphores are unavailable here.";
        }
        if (!mqueueMounted()) {
            return "POSIX queues are not listed: the mqueue file system is not mounted on /dev/mqueue ("
                    + mountMqueue() + "). As root: mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue";
        }
        return null;
    }

    /** The queue, semaphore and shared memory {@code uri} names, those that exist. */
    static List<ObjectInfo> locate(IpcUri uri) {
        String name = PosixNames.validate(uri, PosixNames.NAME_MAX).substring(1);
        List<ObjectInfo> out = new ArrayList<>();
        for (Path p : new Path[] {DEV_MQUEUE.resolve(name), DEV_SHM.resolve(SEM_PREFIX + name), DEV_SHM.resolve(name)}) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && (p.startsWith(DEV_MQUEUE) || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
                out.add(describe(p));
            }
        }
        return out;
    }

    /** {@code mq_unlink}, {@code sem_unlink} or {@code shm_unlink}: the name goes, open handles keep working. */
    static void remove(ObjectInfo o) {
        CreatedPaths.deleteFile(o);
    }

    private static ObjectInfo describe(Path p) {
        String n = p.getFileName().toString();
        if (p.startsWith(DEV_MQUEUE)) {
            ObjectInfo.Builder b = ObjectInfo.builder("posix", "posix:/" + n, Primitive.CHANNEL, "posix-mq", "POSIX message queue",
                    p.toString()).file(p).size(-1);
            long queued = queuedBytes(p);
            if (queued >= 0) {
                b.detail("bytes", queued);
            }
            return b.detail("fd name", "/" + n).usage(Usage.UNUSED_UNLESS_OPEN, "the kernel keeps no creator for POSIX queues").build();
        }
        boolean sem = n.startsWith(SEM_PREFIX);
        return ObjectInfo.builder("posix", "posix:/" + (sem ? n.substring(SEM_PREFIX.length()) : n),
                        sem ? Primitive.MUTEX : Primitive.REGION, sem ? "posix-sem" : "shm-file",
                        sem ? "POSIX named semaphore" : "/dev/shm entry", p.toString())
                .file(p).usage(Usage.UNUSED_UNLESS_OPEN, "the kernel keeps no creator for /dev/shm files").build();
    }

    /** The {@code QSIZE:} of a queue's file, or -1. */
    private static long queuedBytes(Path p) {
        try {
            String info = Files.readString(p);
            int q = info.indexOf("QSIZE:");
            return q < 0 ? -1 : Long.parseLong(info.substring(q + 6).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static List<Path> entries(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            // absent or unreadable: nothing listed (note() says why)
        }
        return out;
    }

    static boolean mqueueMounted() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length > 2 && f[1].equals(DEV_MQUEUE.toString()) && f[2].equals("mqueue")) {
                    return true;
                }
            }
        } catch (IOException e) {
            // assume not
        }
        return false;
    }

    /** Mounts the mqueue file system on /dev/mqueue (root only); null when done, else why not. */
    static synchronized String mountMqueue() {
        if (mqueueMounted()) {
            return null;
        }
        if (io.jipc.os.Proc.euid() != 0) {
            return "not root";
        }
        try {
            Files.createDirectories(DEV_MQUEUE);
            Process p = new ProcessBuilder("mount", "-t", "mqueue", "none", DEV_MQUEUE.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            int rc = p.waitFor();
            return rc == 0 && mqueueMounted() ? null : "mount failed (" + rc + "): " + out;
        } catch (IOException e) {
            return "mount failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
