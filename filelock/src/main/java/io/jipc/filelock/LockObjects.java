package io.jipc.filelock;

import io.jipc.api.IpcException;
import io.jipc.api.Primitive;
import io.jipc.filelock.internal.LockIdentity;
import io.jipc.os.CreatedPaths;
import io.jipc.spi.ObjectInfo;
import io.jipc.spi.ObjectInfo.Usage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of a file-lock scheme for the {@code Backend} SPI: the lock files jipc created (and,
 * for the lock-file family, the lock directories it made), from the scheme's
 * {@link CreatedPaths}. A {@code lockfile:}/{@code linklock:} file counts as jipc's only while it
 * starts with the jipc lock identity ({@link LockIdentity#MAGIC}): a lock URI may name a file of
 * the user's, which must never be listed, reaped or removed.
 */
final class LockObjects {
    private LockObjects() {
    }

    static List<ObjectInfo> list(FileLockScheme def) {
        List<ObjectInfo> out = new ArrayList<>();
        for (ObjectInfo o : def.created.describe(def.scheme, Primitive.MUTEX, p -> def.scheme + ":" + p, p -> isJipcs(def, p))) {
            out.add(def.lockFileFamily() ? byHolder(o) : o);
        }
        return out;
    }

    /**
     * A lock file's creator is its holder, named in the file: whoever recorded the path first may
     * be long gone while another process holds the lock now (a lock file is not kept open, so no
     * process scan would see that holder).
     */
    private static ObjectInfo byHolder(ObjectInfo o) {
        Path p = Path.of(o.path());
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return o;
        }
        LockIdentity id;
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            id = LockIdentity.parse(in.readNBytes(4096));
        } catch (IOException | RuntimeException e) {
            return o;
        }
        if (id == null) {
            return o; // still being written: judged by its recorder
        }
        boolean dead = LockIdentity.holderIsDead(id, LockIdentity.fresh());
        return new ObjectInfo(o.scheme(), o.uri(), o.primitive(), o.kind(), o.label(), o.name(), o.path(), o.ownerUid(),
                o.mode(), o.size(), id.pid(), !dead, true, o.lastPids(), dead ? Usage.UNUSED : Usage.IN_USE,
                dead ? "its holder " + id.pid() + " is dead (the next locker takes it over)" : "held by process " + id.pid() + " (not known to be dead)",
                o.details());
    }

    static List<ObjectInfo> locate(FileLockScheme def, String lockPath) {
        Path p = Path.of(lockPath).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        for (ObjectInfo o : list(def)) {
            if (o.path().equals(p.toString())) {
                return List.of(o);
            }
        }
        ObjectInfo.Builder b = ObjectInfo.builder(def.scheme, def.scheme + ":" + p, Primitive.MUTEX, "file",
                "lock file", p.toString()).file(p);
        if (def.lockFileFamily() && !isJipcs(def, p)) {
            b.usage(Usage.IN_USE, "holds no jipc lock identity (not a lock file jipc made)");
        } else {
            b.usage(Usage.UNUSED_UNLESS_OPEN, "not created by jipc (or its record is lost)");
        }
        return List.of(b.build());
    }

    static void remove(FileLockScheme def, ObjectInfo o) {
        Path p = Path.of(o.path());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            if (def.created.find(p) == null) {
                throw new IpcException("remove", o.uri(), IpcException.NO_ERRNO, null, "refusing to remove the directory "
                        + p + ": jipc did not make it");
            }
        } else if (def.lockFileFamily() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !isJipcs(def, p)) {
            throw new IpcException("remove", o.uri(), IpcException.NO_ERRNO, null, "refusing to remove " + p
                    + ": it holds no jipc lock identity (not a lock file jipc made); remove it with rm(1) if you are sure");
        }
        def.created.delete(o);
    }

    /** A recorded directory, any file of the descriptor family, or a lock file that starts with the jipc identity. */
    private static boolean isJipcs(FileLockScheme def, Path p) {
        if (!def.lockFileFamily() || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        byte[] magic = LockIdentity.MAGIC.getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            byte[] head = in.readNBytes(magic.length);
            return java.util.Arrays.equals(head, magic);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
