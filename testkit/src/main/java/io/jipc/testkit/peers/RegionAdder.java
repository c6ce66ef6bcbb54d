package io.jipc.testkit.peers;

import io.jipc.api.Ipc;
import io.jipc.api.SharedRegion;

/**
 * Child JVM: {@code RegionAdder URI OFFSET N} adds 1 to the long at OFFSET N times with
 * {@code getAndAddLong}, then prints {@code ADDED N}.
 */
public final class RegionAdder {
    private RegionAdder() {
    }

    /**
     * Runs the peer, as the class comment describes.
     *
     * @param args {@code URI OFFSET N}
     */
    public static void main(String[] args) {
        Peers.start();
        long offset = Long.parseLong(args[1]);
        int n = Integer.parseInt(args[2]);
        try (SharedRegion r = Ipc.region(args[0])) {
            Peers.say("READY");
            for (int i = 0; i < n; i++) {
                r.getAndAddLong(offset, 1);
            }
            Peers.say("ADDED " + n);
        }
    }
}
