package io.jipc.mmap;

import io.jipc.api.IpcHandle;
import io.jipc.os.ChildProcess;
import io.jipc.os.Fd;
import io.jipc.os.Spawner;
import io.jipc.testkit.MutexContract;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The mutex contract for a robust mutex placed in anonymous shared memory
 * ({@code robust:?region=anon:?size=4096}), shared with child JVMs through the spawner: the
 * related-processes form of a process-shared mutex.
 */
class RobustInAnonMutexContractTest extends MutexContract {
    @Override
    protected String freshUri() {
        return "robust:?region=anon:?size=4096&offset=256";
    }

    @Override
    protected boolean reachableByName() {
        return false;
    }

    /** A second handle in this JVM: the region's memfd, duplicated (the new handle owns the copy). */
    @Override
    protected String peerUri(IpcHandle handle) {
        AnonRegion region = (AnonRegion) ((RobustMutex) handle).region();
        int dup = Fd.dup(region.fd(), "anon region");
        return "robust:?region=anon:?fd=" + dup + "%26size=" + region.size() + "&offset=256";
    }

    @Override
    protected ChildProcess spawnPeer(IpcHandle handle, Class<?> main, String... args) {
        AnonRegion region = (AnonRegion) ((RobustMutex) handle).region();
        String[] all = new String[args.length + 1];
        all[0] = "robust:?region=anon:?fd=3%26size=" + region.size() + "&offset=256";
        System.arraycopy(args, 0, all, 1, args.length);
        Spawner s = Spawner.jvm(main, all);
        assertEquals("anon:?fd=3&size=" + region.size(), region.shareWith(s));
        return s.start();
    }
}
