package io.jipc.mmap;

import java.nio.file.Path;

/** Lets the ring tests run {@link TruncatedMappingChild} through {@link HostileStateTest}'s helper. */
public final class HostileStateTestAccess {
    private HostileStateTestAccess() {
    }

    /** See {@link HostileStateTest#runTruncated}. */
    public static String runTruncated(String kind, String uri, Path file) throws Exception {
        return HostileStateTest.runTruncated(kind, uri, file);
    }
}
