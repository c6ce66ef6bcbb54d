package io.jipc.testkit.peers;

import io.jipc.api.Ipc;
import io.jipc.api.Mutex;

/**
 * Child JVM: {@code MutexHolder URI [SECONDS]} locks the mutex, prints {@code LOCKED} (and
 * {@code OWNER_DIED} first if it inherited from a dead holder), holds it for SECONDS (default:
 * until killed), then unlocks and prints {@code UNLOCKED}.
 */
public final class MutexHolder {
    private MutexHolder() {
    }

    /**
     * Runs the peer, as the class comment describes.
     *
     * @param args {@code URI [SECONDS]}
     * @throws InterruptedException when interrupted while holding the mutex
     */
    public static void main(String[] args) throws InterruptedException {
        Peers.start();
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 3600;
        try (Mutex m = Ipc.mutex(args[0])) {
            m.lock();
            if (m.ownerDied()) {
                Peers.say("OWNER_DIED");
                m.markConsistent();
            }
            Peers.say("LOCKED");
            Thread.sleep(seconds * 1000);
            m.unlock();
            Peers.say("UNLOCKED");
        }
    }
}
