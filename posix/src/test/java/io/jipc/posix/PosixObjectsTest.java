package io.jipc.posix;

import io.jipc.api.Primitive;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.ObjectsContract;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

/** The posix backend lists, locates and removes its queues ({@code /dev/mqueue}), semaphores and shared memory ({@code /dev/shm}). */
@ExtendWith(LeakGuard.class)
class PosixObjectsTest extends ObjectsContract {
    @Override
    protected List<Primitive> primitives() {
        return List.of(Primitive.CHANNEL, Primitive.MUTEX, Primitive.REGION);
    }

    @Override
    protected String createUri(Primitive p) {
        return "posix:/" + TestNames.unique("objects") + "?open=create" + (p == Primitive.REGION ? "&size=4096" : "");
    }

    /** The kernel records no pid for a POSIX object: whether one is used is for a process scan to tell. */
    @Override
    protected boolean recordsPids(Primitive p) {
        return false;
    }
}
