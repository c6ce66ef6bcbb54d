package io.jipc.posix.stream;

import io.jipc.api.Primitive;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.ObjectsContract;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fifo and unix backends list, locate and remove the FIFOs and socket files they created. */
@ExtendWith(LeakGuard.class)
class StreamObjectsTest {
    @Nested
    class Fifo extends ObjectsContract {
        Fifo() {
            super(Primitive.CHANNEL, () -> "fifo:" + TestNames.path("objects-fifo") + "?open=create");
        }
    }

    @Nested
    class Unix extends ObjectsContract {
        Unix() {
            super(Primitive.CHANNEL, () -> "unix:" + TestNames.path("objects-unix") + "?open=create");
        }
    }
}
