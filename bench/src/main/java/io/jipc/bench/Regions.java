package io.jipc.bench;

import io.jipc.api.Ipc;
import io.jipc.api.SharedRegion;

import java.nio.file.Path;

/**
 * The region mechanisms of the suite: {@code sysv} (shmget), {@code posix} (shm_open),
 * {@code file-disk} (a mapped file on the disk file system, under {@code /var/tmp}),
 * {@code file-tmpfs} (a mapped file in {@code /dev/shm}), {@code anon} (memfd, related processes).
 */
public final class Regions {
    /** Every region mechanism. */
    public static final String[] ALL = {"sysv", "posix", "file-disk", "file-tmpfs", "anon"};

    private Regions() {
    }

    /** The jipc scheme of a mechanism. */
    public static String scheme(String mech) {
        return mech.startsWith("file") ? "file" : mech;
    }

    /** Why {@code mech} cannot run here, or {@code null}. */
    public static String unavailable(String mech) {
        String s = scheme(mech);
        if (Ipc.backend(s) == null) {
            return "skipped: backend '" + s + "' not installed";
        }
        return null;
    }

    /** The URIs [creator, opener by name (null for anon)] of a fresh region of {@code size} bytes. */
    public static String[] uris(String mech, long size, Path diskDir) {
        String name = BenchSupport.unique("region");
        switch (mech) {
            case "sysv": {
                String key = BenchSupport.randomKey();
                return new String[] {"sysv:?key=" + key + "&size=" + size + "&open=create",
                    "sysv:?key=" + key + "&size=" + size + "&open=open"};
            }
            case "posix":
                return new String[] {"posix:/" + name + "?size=" + size + "&open=create",
                    "posix:/" + name + "?size=" + size + "&open=open"};
            case "file-disk":
                return new String[] {"file:" + diskDir.resolve(name) + "?size=" + size + "&open=create",
                    "file:" + diskDir.resolve(name) + "?size=" + size + "&open=open"};
            case "file-tmpfs":
                return new String[] {"file:/dev/shm/" + name + "?size=" + size + "&open=create",
                    "file:/dev/shm/" + name + "?size=" + size + "&open=open"};
            case "anon":
                return new String[] {"anon:?size=" + size, null};
            default:
                throw new IllegalArgumentException("unknown region mechanism '" + mech + "'");
        }
    }

    /**
     * Creates a fresh region of a mechanism (the creating URI of {@link #uris}).
     *
     * @param mech the mechanism
     * @param size the region's size in bytes
     * @param diskDir the directory of {@code file-disk} regions
     * @return the new region
     */
    public static SharedRegion create(String mech, long size, Path diskDir) {
        return Ipc.region(uris(mech, size, diskDir)[0]);
    }

    /**
     * A benchmark's tear-down: removes and closes {@code region} (when set; a removal that fails
     * is ignored), then deletes {@code diskDir}.
     *
     * @param region the region, or null
     * @param diskDir the directory of {@link #diskDir()}, or null
     */
    public static void discard(SharedRegion region, Path diskDir) {
        if (region != null) {
            BenchSupport.removeQuietly(region::remove);
            region.close();
        }
        BenchSupport.deleteQuietly(diskDir);
    }

    /** A directory on the disk file system (not tmpfs) for file-backed regions. */
    public static Path diskDir() {
        Path base = Path.of("/var/tmp");
        if (!base.toFile().isDirectory()) {
            base = Path.of(System.getProperty("java.io.tmpdir"));
        }
        try {
            return java.nio.file.Files.createTempDirectory(base, BenchSupport.unique("disk"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
