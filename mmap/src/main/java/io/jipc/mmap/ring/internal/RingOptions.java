package io.jipc.mmap.ring.internal;

import io.jipc.api.IpcUri;
import io.jipc.api.IpcUriException;
import io.jipc.mmap.ring.RingLayout;

/**
 * The parts of a {@code ring:} URI, checked before any system call: the name (which becomes the
 * file name) and the capacity.
 */
public final class RingOptions {
    private RingOptions() {
    }

    /**
     * The ring's name from the URI path: one non-empty component of letters, digits, '.', '_', '-'.
     *
     * @param uri the ring's URI
     * @param file how the name becomes a file, for the error message ({@code /dev/shm/jipc.ring.<name>})
     * @return the name
     * @throws IpcUriException for a missing, too long or ill-formed name
     */
    public static String name(IpcUri uri, String file) {
        String p = uri.path();
        String n = p.startsWith("/") ? p.substring(1) : p;
        if (n.isEmpty()) {
            throw new IpcUriException(uri.toString(), "path", "a ring needs a name: ring:/name?capacity=64k");
        }
        if (n.length() > 200) {
            throw new IpcUriException(uri.toString(), "path", "the name is longer than 200 characters");
        }
        if (n.equals(".") || n.equals("..")) {
            throw new IpcUriException(uri.toString(), "path", "'" + n + "' is not a ring name");
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                throw new IpcUriException(uri.toString(), "path", "character '" + c + "' is not allowed in a ring name"
                        + " (one component of letters, digits, '.', '_', '-'; the ring is the file " + file + ")");
            }
        }
        return n;
    }

    /**
     * The {@code capacity=} option, checked: a power of two in {@code 64 .. 1g}.
     *
     * @param uri the ring's URI, which has the option
     * @return the capacity in bytes
     * @throws IpcUriException when it is not a valid capacity
     */
    public static long capacity(IpcUri uri) {
        long c = uri.sizeOption("capacity", RingLayout.DEFAULT_CAPACITY, Long.MIN_VALUE, Long.MAX_VALUE);
        String given = "'" + uri.option("capacity") + "'";
        if (c <= 0) {
            throw new IpcUriException(uri.toString(), "option 'capacity'", given
                    + " is not positive: the capacity is " + RingChecks.validCapacities());
        }
        if (Long.bitCount(c) != 1) {
            throw new IpcUriException(uri.toString(), "option 'capacity'", given + " (" + c
                    + " bytes) is not a power of two: the capacity is " + RingChecks.validCapacities());
        }
        if (c < RingLayout.MIN_CAPACITY || c > RingLayout.MAX_CAPACITY) {
            throw new IpcUriException(uri.toString(), "option 'capacity'", given + " (" + c + " bytes) is outside "
                    + RingLayout.MIN_CAPACITY + " .. " + RingLayout.MAX_CAPACITY + " bytes: the capacity is "
                    + RingChecks.validCapacities());
        }
        return c;
    }
}
