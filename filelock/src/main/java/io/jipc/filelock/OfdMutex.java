package io.jipc.filelock;

import io.jipc.api.IpcUri;
import io.jipc.filelock.internal.LockSlot;

/**
 * {@code ofd:/path} — an open-file-description lock ({@code F_OFD_SETLK}/{@code F_OFD_SETLKW},
 * Linux 3.15+): a record lock owned by the open file description rather than the process. Each
 * handle opens the file itself, so two handles — in one JVM or in two processes — exclude each
 * other through the kernel, and closing one never affects another. Threads sharing one handle
 * are excluded by a per-handle gate in front of the kernel lock. Conflicts with classic
 * {@code fcntl} record locks on the same file (same lock table), not with {@code flock}.
 *
 * <p>Waiting, timeouts and interrupts work as for {@link FcntlMutex}: the kernel wait runs in a
 * daemon waiter thread; the caller can time out or be interrupted at once.
 */
public final class OfdMutex extends KernelFileMutex {
    OfdMutex(IpcUri uri, LockSlot slot) {
        super(uri, slot, "record-lock", FileLockScheme.OFD.capabilities, FileLockScheme.OFD.created);
    }
}
