/**
 * File-lock mutexes: {@code fcntl:} (POSIX record lock, process-owned, one descriptor per file per
 * JVM plus a JVM-local gate), {@code ofd:} (open-file-description lock), {@code flock:} (BSD
 * {@code flock}), {@code lockfile:} ({@code O_CREAT|O_EXCL} lock file with holder identity and
 * stale-holder take-over) and {@code linklock:} (the NFS-safe {@code link()} variant). Found
 * through {@link io.jipc.spi.Backend}; open them with {@link io.jipc.api.Ipc#mutex(String)}.
 */
package io.jipc.filelock;
