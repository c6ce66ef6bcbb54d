package io.jipc.bench.verify;

import io.jipc.api.Capabilities;
import io.jipc.api.Mutex;
import io.jipc.os.ChildProcess;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The crash matrix's mutex scenario: the holder of the lock is killed ({@code kill -9}). */
final class HolderKilled {
    private HolderKilled() {
    }

    /** Kills a child holding the {@code scheme} mutex; rows for release, owner death and what is left. */
    static void run(String scheme, StressNames names, Consumer<CrashRow> add) {
        try (MutexFixture f = MutexFixture.create(scheme, names)) {
            Capabilities caps = f.declared();
            boolean acquired;
            boolean died;
            boolean left;
            try (ChildProcess holder = ChannelStress.spawner("hold", f.uri).start()) {
                holder.awaitOutput("HELD", CrashMatrix.START);
                holder.killAndWait();
                left = f.exists();
                try (Mutex m = f.openAgain()) {
                    acquired = m.tryLock(2, TimeUnit.SECONDS);
                    died = acquired && m.ownerDied();
                    if (acquired) {
                        if (died) {
                            m.markConsistent();
                        }
                        m.unlock();
                    }
                }
            }
            add.accept(CrashRow.of(scheme, CrashMatrix.HOLDER, "lock released", acquired, caps.crashReleases(),
                    acquired ? "the next locker got it at once" : "tryLock(2 s) timed out"));
            if (acquired || caps.crashReleases()) {
                add.accept(CrashRow.of(scheme, CrashMatrix.HOLDER, "owner death reported", died, caps.ownerDeathDetected(),
                        "ownerDied() of the next holder"));
            }
            add.accept(CrashRow.of(scheme, CrashMatrix.HOLDER, "object left", left, caps.persistence() != Capabilities.Persistence.PROCESS,
                    "persistence " + caps.persistence().name().toLowerCase(Locale.ROOT) + "; crash leaves: " + caps.crashLeaves()));
        } catch (Exception e) {
            add.accept(CrashRow.failed(scheme, CrashMatrix.HOLDER, e));
        }
    }
}
