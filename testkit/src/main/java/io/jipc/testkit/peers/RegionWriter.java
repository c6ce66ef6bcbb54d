package io.jipc.testkit.peers;

import io.jipc.api.Ipc;
import io.jipc.api.SharedRegion;

import java.nio.ByteBuffer;

/**
 * Child JVM: {@code RegionWriter URI LENGTH} fills bytes 8..8+LENGTH with the shared pattern, then
 * publishes 1 in the long at offset 0 with a release store and prints {@code WRITTEN}.
 */
public final class RegionWriter {
    private RegionWriter() {
    }

    /**
     * Runs the peer, as the class comment describes.
     *
     * @param args {@code URI LENGTH}
     */
    public static void main(String[] args) {
        Peers.start();
        int len = Integer.parseInt(args[1]);
        try (SharedRegion r = Ipc.region(args[0])) {
            ByteBuffer b = r.buffer();
            for (int i = 0; i < len; i++) {
                b.put(8 + i, (byte) (i * 13 + 5));
            }
            r.putLongRelease(0, 1);
            Peers.say("WRITTEN");
        }
    }
}
