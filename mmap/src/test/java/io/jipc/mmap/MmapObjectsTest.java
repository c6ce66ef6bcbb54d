package io.jipc.mmap;

import io.jipc.api.Primitive;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.ObjectsContract;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/** The file, robust and ring backends list, locate and remove the files they created. */
@ExtendWith(LeakGuard.class)
class MmapObjectsTest {
    @Nested
    class File extends ObjectsContract {
        File() {
            super(Primitive.REGION, () -> "file:/dev/shm/" + TestNames.unique("objects-file") + "?size=4096&open=create");
        }
    }

    @Nested
    class Robust extends ObjectsContract {
        Robust() {
            super(Primitive.MUTEX, () -> "robust:/" + TestNames.unique("objects-robust") + "?open=create");
        }
    }

    @Nested
    class Ring extends ObjectsContract {
        Ring() {
            super(Primitive.CHANNEL, () -> "ring:/" + TestNames.unique("objects-ring") + "?open=create");
        }
    }
}
