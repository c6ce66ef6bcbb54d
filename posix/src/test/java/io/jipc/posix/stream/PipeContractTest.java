package io.jipc.posix.stream;

import io.jipc.api.IpcHandle;
import io.jipc.os.ChildProcess;
import io.jipc.testkit.MessageChannelContract;

/**
 * The channel contract on {@code pipe:}: not reachable by name; the second end in this JVM is the
 * handle a child would open on the peer descriptors, and peers are spawned with them.
 */
class PipeContractTest extends MessageChannelContract {
    @Override
    protected String freshUri() {
        return "pipe:";
    }

    @Override
    protected boolean reachableByName() {
        return false;
    }

    /** The second end in this JVM: the peer descriptors, adopted as a child would. */
    @Override
    protected String peerUri(IpcHandle handle) {
        PipeChannel parent = (PipeChannel) handle;
        int[] ends = parent.takePeerEnds();
        return parent.peerUri(ends[0], ends[1]);
    }

    @Override
    protected ChildProcess spawnPeer(IpcHandle handle, Class<?> main, String... args) {
        return ((PipeChannel) handle).spawnPeer(main, args);
    }
}
