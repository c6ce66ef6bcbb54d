package io.jipc.testkit;

import io.jipc.api.Capabilities;
import io.jipc.api.Mutex;
import io.jipc.os.ChildProcess;
import io.jipc.testkit.peers.MutexCounter;
import io.jipc.testkit.peers.MutexHolder;
import org.junit.jupiter.api.Test;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Part of the {@link MutexContract} suite: exclusion across real processes (child JVMs), an exact
 * counter across JVMs, and {@code kill -9} of a holder with the outcome the capabilities declare.
 */
public abstract class MutexProcessesContract extends MutexSemanticsContract {
    @Test
    void processesKeepANonAtomicCounterExact() throws Exception {
        Mutex m = fresh();
        Path counter = TestNames.path("counter");
        Files.writeString(counter, "0");
        try {
            int n = increments();
            ChildProcess a = track(spawnPeer(m, MutexCounter.class, counter.toString(), Integer.toString(n)));
            ChildProcess b = track(spawnPeer(m, MutexCounter.class, counter.toString(), Integer.toString(n)));
            try (RandomAccessFile f = new RandomAccessFile(counter.toFile(), "rw")) {
                for (int i = 0; i < n; i++) {
                    m.lock();
                    try {
                        MutexCounter.increment(f);
                    } finally {
                        m.unlock();
                    }
                }
                awaitSuccess(a);
                awaitSuccess(b);
                assertEquals(3L * n, MutexCounter.read(f), "increments lost: exclusion between processes failed");
            }
        } finally {
            Files.deleteIfExists(counter);
        }
    }

    @Test
    void anotherProcessHoldingExcludesThisOne() throws Exception {
        Mutex m = fresh();
        ChildProcess holder = track(spawnPeer(m, MutexHolder.class, "3600"));
        await(holder, "LOCKED");
        assertFalse(m.tryLock(), "tryLock while another process holds it");
        assertFalse(m.tryLock(100, TimeUnit.MILLISECONDS), "timed tryLock while another process holds it");
        holder.killAndWait();
    }

    @Test
    void killedHolderHasTheDeclaredOutcome() throws Exception {
        Mutex m = fresh();
        Capabilities caps = m.capabilities();
        ChildProcess holder = track(spawnPeer(m, MutexHolder.class, "3600"));
        await(holder, "LOCKED");
        holder.killAndWait();
        if (caps.crashReleases()) {
            assertTrue(m.tryLock(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    "the capabilities say a crashed holder releases the mutex (" + caps.crashLeaves() + ")");
            assertEquals(caps.ownerDeathDetected(), m.ownerDied(),
                    "ownerDied() after inheriting from a killed holder must match ownerDeathDetected");
            m.markConsistent();
            assertFalse(m.ownerDied());
            m.unlock();
            assertTrue(m.tryLock(), "usable again after repair");
            assertFalse(m.ownerDied(), "only the first acquisition after the crash reports it");
            m.unlock();
        } else {
            assertFalse(m.tryLock(200, TimeUnit.MILLISECONDS),
                    "the capabilities say a crashed holder leaves the mutex locked (" + caps.crashLeaves() + ")");
        }
    }
}
