package io.jipc.sysv;

import io.jipc.api.Primitive;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.ObjectsContract;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The sysv backend lists, locates and removes its queues, semaphore sets and segments ({@code /proc/sysvipc}). */
@ExtendWith(LeakGuard.class)
class SysvObjectsTest extends ObjectsContract {
    SysvObjectsTest() {
        super(List.of(Primitive.values()), p -> "sysv:?key=0x"
                + Integer.toHexString((ThreadLocalRandom.current().nextInt() & 0x3fffffff) | 0x40000000)
                + "&open=create" + (p == Primitive.REGION ? "&size=4096" : ""), true);
    }
}
