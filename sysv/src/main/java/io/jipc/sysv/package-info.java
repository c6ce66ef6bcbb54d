/**
 * Scheme {@code sysv}: System V message queues ({@link io.jipc.sysv.SysvMessageChannel}),
 * semaphore sets ({@link io.jipc.sysv.SysvMutex}) and shared memory segments
 * ({@link io.jipc.sysv.SysvSharedRegion}), provided by {@link io.jipc.sysv.SysvBackend}.
 *
 * <h2>URIs</h2>
 * <ul>
 *   <li>{@code sysv:/path/to/file?proj=N}: the key is {@code ftok(path, N)} ({@code N} in 0..255,
 *       default 0); the file must exist.</li>
 *   <li>{@code sysv:?key=0x4a1}: an explicit key (decimal or {@code 0x} hexadecimal, not 0).</li>
 *   <li>{@code sysv:?id=N}: an existing object by its identifier (what {@code ipcs} prints, and what
 *       every handle's {@code id()} returns); never creates.</li>
 *   <li>{@code sysv:private}: {@code IPC_PRIVATE}, always a new object, reachable by others only
 *       through its identifier ({@code idUri()}).</li>
 * </ul>
 * Common options {@code mode=} (default 0600) and {@code open=create|open|open-or-create};
 * per primitive: channel {@code truncate=}, {@code qbytes=}; mutex {@code undo=}; region
 * {@code size=}.
 */
package io.jipc.sysv;
