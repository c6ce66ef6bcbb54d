package io.jipc.aeron;

import io.jipc.testkit.MessageChannelContract;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the channel contract needs to know about every {@code aeron:} medium: a stream is no object
 * with open modes, and a receiver must subscribe before anything is sent.
 */
abstract class AeronChannelContract extends MessageChannelContract {
    @Override
    protected boolean supportsOpenModes() {
        return false;
    }

    /** Aeron keeps nothing for absent receivers: the receiving end subscribes before anything is sent. */
    @Override
    protected Pair openPair() {
        Pair p = super.openPair();
        ((AeronMessageChannel) p.receiver()).subscribe();
        assertTrue(((AeronMessageChannel) p.sender()).awaitSubscriber(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        return p;
    }
}
