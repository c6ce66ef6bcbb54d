package io.jipc.posix;

import io.jipc.api.IpcUri;

import java.nio.charset.StandardCharsets;

/**
 * The POSIX IPC name rules, checked before any system call: {@code posix:/name} — exactly one
 * leading {@code /}, no other {@code /}, not empty, not {@code .} or {@code ..}, and short enough
 * for the file the C library makes of it ({@code NAME_MAX} = 255 bytes for queues and shared
 * memory; 251 for semaphores, which glibc stores as {@code /dev/shm/sem.NAME}).
 */
final class PosixNames {
    /** {@code NAME_MAX}: the longest file-name component, in bytes. */
    static final int NAME_MAX = 255;
    /** The longest semaphore name: {@code "sem."} takes four bytes of the component. */
    static final int SEM_NAME_MAX = NAME_MAX - 4;

    private PosixNames() {
    }

    /**
     * The validated name ({@code "/orders"}) of {@code uri}.
     *
     * @param maxBytes the longest name without its leading slash, in UTF-8 bytes
     * @throws io.jipc.api.IpcUriException naming the rule broken
     */
    static String validate(IpcUri uri, int maxBytes) {
        String p = uri.path();
        if (p.isEmpty() || p.equals("/")) {
            throw uri.error("name", "empty: a POSIX IPC name is posix:/name (one leading '/' and at least one character)");
        }
        if (p.charAt(0) != '/') {
            throw uri.error("name '" + p + "'", "must start with '/' (posix:/name)");
        }
        String rest = p.substring(1);
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            throw uri.error("name '" + p + "'", "contains '/' after the leading one (at index " + (slash + 1)
                    + "); a POSIX IPC name has exactly one '/', at the start");
        }
        if (rest.equals(".") || rest.equals("..")) {
            throw uri.error("name '" + p + "'", "'.' and '..' are not object names");
        }
        int bytes = rest.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw uri.error("name", bytes + " bytes after the '/' is longer than the " + maxBytes
                    + " allowed (NAME_MAX = " + NAME_MAX + (maxBytes < NAME_MAX ? ", less glibc's 'sem.' prefix" : "") + ")");
        }
        return p;
    }
}
