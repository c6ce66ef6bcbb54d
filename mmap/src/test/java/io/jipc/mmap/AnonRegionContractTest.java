package io.jipc.mmap;

import io.jipc.api.IpcHandle;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.testkit.SharedRegionContract;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The region contract for {@code anon:} regions, shared with child JVMs through the spawner. */
class AnonRegionContractTest extends SharedRegionContract {
    @Override
    protected String freshUri() {
        return "anon:?size=4096";
    }

    @Override
    protected boolean reachableByName() {
        return false;
    }

    /**
     * The spawner renumbers inherited descriptors from 3, so the child's URI is known before the
     * spawner is built (its arguments are fixed then); {@link AnonRegion#shareWith} confirms it.
     */
    @Override
    protected ChildProcess spawnPeer(IpcHandle handle, Class<?> main, String... args) {
        AnonRegion region = (AnonRegion) handle;
        String[] all = new String[args.length + 1];
        all[0] = "anon:?fd=3&size=" + region.size();
        System.arraycopy(args, 0, all, 1, args.length);
        Spawner s = Spawner.jvm(main, all);
        assertEquals(all[0], region.shareWith(s));
        return s.start();
    }
}
