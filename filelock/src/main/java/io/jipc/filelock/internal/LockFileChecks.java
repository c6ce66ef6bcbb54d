package io.jipc.filelock.internal;

import io.jipc.api.IpcException;

/**
 * What {@code lockfile:} and {@code linklock:} check before trusting an existing lock file: it
 * must hold a jipc identity, complete or still being written ({@link LockIdentity#parse},
 * {@link LockIdentity#looksIncomplete}). Anything else there (another program's file, garbage)
 * is never taken for a live holder to wait for, nor for a stale one to remove: it is a clear
 * error naming the path and showing how the content starts.
 */
public final class LockFileChecks {
    private static final int SHOWN = 24;

    private LockFileChecks() {
    }

    /** Fails unless {@code content} (the lock file's bytes, {@code null} when unreadable) is jipc's format. */
    public static void requireLockFormat(String op, String uri, String path, byte[] content) {
        if (content == null || LockIdentity.parse(content) != null || LockIdentity.looksIncomplete(content)) {
            return;
        }
        throw new IpcException(op, uri, IpcException.NO_ERRNO, null, path + " exists but is not a jipc lock file ("
                + content.length + " bytes, starting " + preview(content) + ", not \"" + LockIdentity.MAGIC
                + "\"): another program uses this path, or it was overwritten; jipc neither waits for it nor removes it");
    }

    private static String preview(byte[] content) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(SHOWN, content.length); i++) {
            int b = content[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        return sb.append(content.length > SHOWN ? "...\"" : "\"").toString();
    }
}
