package io.jipc.posix;

import io.jipc.api.Primitive;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.ObjectsContract;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

/**
 * The posix backend lists, locates and removes its queues ({@code /dev/mqueue}), semaphores and
 * shared memory ({@code /dev/shm}). The kernel records no pid for a POSIX object: whether one is
 * used is for a process scan to tell.
 */
@ExtendWith(LeakGuard.class)
class PosixObjectsTest extends ObjectsContract {
    PosixObjectsTest() {
        super(List.of(Primitive.values()), p -> "posix:/" + TestNames.unique("objects") + "?open=create"
                + (p == Primitive.REGION ? "&size=4096" : ""), false);
    }
}
