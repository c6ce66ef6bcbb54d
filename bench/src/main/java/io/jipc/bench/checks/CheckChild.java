package io.jipc.bench.checks;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.os.ChildSupport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The other process of the live checks (a child JVM started by {@link LiveChecks}):
 * <ul>
 *   <li>{@code hold URI...}: locks every mutex, prints {@code LOCKED}, then waits to be killed;</li>
 *   <li>{@code persist URI}: creates the channel, sends one message (tag 7), prints {@code SENT}
 *       and exits without removing it;</li>
 *   <li>{@code connect URI}: connects to a listening {@code unix:} channel, sends one message,
 *       prints {@code SENT}, then waits until the other side closes.</li>
 * </ul>
 */
public final class CheckChild {
    private CheckChild() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        ChildSupport.exitWhenParentDies();
        long pid = ProcessHandle.current().pid();
        switch (args[0]) {
            case "hold": {
                List<Mutex> held = new ArrayList<>();
                for (int i = 1; i < args.length; i++) {
                    Mutex m = Ipc.mutex(args[i]);
                    m.lock();
                    held.add(m);
                }
                System.out.println("LOCKED " + held.size());
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
                break;
            }
            case "persist": {
                try (MessageChannel q = Ipc.channel(args[1])) {
                    q.send(ByteBuffer.wrap(("left by pid " + pid).getBytes(StandardCharsets.UTF_8)), 7);
                }
                System.out.println("SENT");
                break;
            }
            case "connect": {
                try (MessageChannel c = Ipc.channel(args[1])) {
                    c.send(ByteBuffer.wrap(("hello from pid " + pid).getBytes(StandardCharsets.UTF_8)));
                    System.out.println("SENT");
                    System.out.flush();
                    c.receive(ByteBuffer.allocate(64)); // until the other side closes
                } catch (RuntimeException closedByPeer) {
                    // the other side closed: done
                }
                break;
            }
            default:
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
        }
    }
}
