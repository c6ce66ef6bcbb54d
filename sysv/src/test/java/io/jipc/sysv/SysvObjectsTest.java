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
    @Override
    protected List<Primitive> primitives() {
        return List.of(Primitive.CHANNEL, Primitive.MUTEX, Primitive.REGION);
    }

    @Override
    protected String createUri(Primitive p) {
        String key = "0x" + Integer.toHexString((ThreadLocalRandom.current().nextInt() & 0x3fffffff) | 0x40000000);
        return "sysv:?key=" + key + "&open=create" + (p == Primitive.REGION ? "&size=4096" : "");
    }
}
