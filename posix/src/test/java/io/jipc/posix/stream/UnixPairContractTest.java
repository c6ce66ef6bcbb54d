package io.jipc.posix.stream;

import io.jipc.api.IpcHandle;
import io.jipc.os.ChildProcess;
import io.jipc.testkit.MessageChannelContract;

/** The channel contract on {@code unix:pair} (a socketpair handed to a child). */
class UnixPairContractTest extends MessageChannelContract {
    @Override
    protected String freshUri() {
        return "unix:pair";
    }

    @Override
    protected boolean reachableByName() {
        return false;
    }

    /** The second end in this JVM: the pair's other descriptor, adopted as a child would. */
    @Override
    protected String peerUri(IpcHandle handle) {
        UnixChannel parent = (UnixChannel) handle;
        return parent.peerUri(parent.takePeerEnd());
    }

    @Override
    protected ChildProcess spawnPeer(IpcHandle handle, Class<?> main, String... args) {
        return ((UnixChannel) handle).spawnPeer(main, args);
    }
}
