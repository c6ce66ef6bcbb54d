package io.jipc.cli;

import io.jipc.api.Capabilities;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Select;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** {@code jipc recv}: messages to the shell. */
@Command(name = "recv", mixinStandardHelpOptions = true,
        description = {"Receive messages from a channel and print them.",
                "Text prints as is (one message per line), binary as raw bytes when standard output is not a terminal, or as a hex dump with --hex. A binary message is never written to a terminal: without --hex it is put back (at the end of the queue) and the command fails. Exit 1 when nothing arrives within --timeout.",
                "The channel must exist unless the URI says open=create or open=open-or-create; a channel created so is removed again if Ctrl-C/SIGTERM stops the command while it waits. pipe:, unix:pair and sysv:private are refused: no other process could send there."},
        footer = {"", "Examples:", "  jipc recv 'sysv:?key=0x1234' --select upto:300 --count 4",
                "  jipc recv posix:/orders --timeout 2s --hex", "  jipc recv posix:/orders > message.bin"})
public final class RecvCommand extends BaseCommand {
    /** Receive buffer when the channel does not say how large a message can be. */
    static final int DEFAULT_BUFFER = 1 << 20;

    @Parameters(index = "0", paramLabel = "URI", description = "The channel.")
    String uri;

    @Option(names = "--select", paramLabel = "SEL", converter = Converters.SelectConverter.class,
            description = "Which message: any, tag:T, upto:T (lowest tag <= T first), not:T (default: any).")
    Select select = Select.any();

    @Option(names = "--timeout", paramLabel = "D", converter = Converters.DurationConverter.class,
            description = "Wait at most D for each message (500ms, 2s, 1m; 0 = only what is there now); default: wait.")
    Duration timeout;

    @Option(names = "--count", paramLabel = "N", description = "Receive N messages (default 1).")
    int count = 1;

    @Option(names = "--hex", description = "Print a hex dump of each message.")
    boolean hex;

    @Option(names = "--show-tag", description = "Print each message's tag before it.")
    boolean showTag;

    @Override
    public Integer call() throws IOException {
        if (count < 1) {
            throw new UsageError("--count must be at least 1, not " + count);
        }
        io.jipc.api.IpcUri u = Targets.parse(uri);
        Targets.backend(u);
        Targets.checkReachable(u, "recv");
        PrintWriter out = out();
        Targets.OpenedChannel opened = Targets.openChannel(uri);
        // created here (open=create / open-or-create): removed again if a signal stops the command
        // while it waits; after a normal end it stays, as asked
        try (MessageChannel ch = opened.channel();
             Teardown.Registration undo = opened.created() ? Teardown.onInterrupt(uri, opened.channel()::remove) : null) {
            Capabilities caps = ch.capabilities();
            if (!caps.supports(select)) {
                throw new UsageError(uri + " cannot select '" + select + "': its tagging is "
                        + caps.tagging().name().toLowerCase(java.util.Locale.ROOT) + "; use --select any");
            }
            if (verbose()) {
                err().println("jipc: waiting for " + count + " message(s) on " + uri + (opened.created() ? " (created by this command)" : ""));
                err().flush();
            }
            long max = caps.maxMessageSize();
            int cap = max > 0 && max < Integer.MAX_VALUE - 16 ? (int) max : DEFAULT_BUFFER;
            ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(cap, 1));
            for (int i = 0; i < count; i++) {
                buf.clear();
                long tag;
                try {
                    if (timeout == null) {
                        tag = ch.receive(buf, select);
                    } else if (timeout.isZero()) {
                        tag = ch.tryReceive(buf, select);
                    } else {
                        tag = ch.receive(buf, select, timeout.toNanos(), TimeUnit.NANOSECONDS);
                    }
                } catch (MessageTooLarge e) {
                    throw new Failure("the next message is larger than the " + buf.capacity() + "-byte buffer; it stays queued: "
                            + e.getMessage(), e);
                }
                if (tag == MessageChannel.NO_MESSAGE) {
                    String when = timeout.isZero() ? "now" : "within " + Durations.format(timeout);
                    throw new Failure("no message" + (select.kind() == Select.Kind.ANY ? "" : " matching " + select)
                            + " on " + uri + " " + when + (i > 0 ? " (received " + i + " of " + count + ")" : ""));
                }
                buf.flip();
                byte[] b = new byte[buf.remaining()];
                buf.get(b);
                print(ch, out, tag, b);
            }
        }
        return Main.EXIT_OK;
    }

    private void print(MessageChannel ch, PrintWriter out, long tag, byte[] b) throws IOException {
        if (hex) {
            out.println("tag " + tag + ", " + b.length + " byte(s):");
            out.print(Payloads.hex(b));
            out.flush();
            return;
        }
        String text = Payloads.asText(b);
        if (text != null) {
            out.println((showTag ? "[tag " + tag + "] " : "") + (text.endsWith("\n") ? text.substring(0, text.length() - 1) : text));
            out.flush();
            return;
        }
        if (root().terminal()) {
            ByteBuffer back = ByteBuffer.allocateDirect(Math.max(1, b.length));
            back.put(b).flip();
            boolean putBack;
            try {
                putBack = ch.trySend(back, tag);
            } catch (RuntimeException e) {
                putBack = false;
            }
            throw new Failure("refusing to write a binary message (" + b.length + " bytes, tag " + tag
                    + ") to a terminal: use --hex, or redirect the output to a file; "
                    + (putBack ? "the message was put back at the end of the queue" : "it could NOT be put back (the queue is full)"));
        }
        out.flush();
        if (showTag) {
            out.print("[tag " + tag + "] ");
            out.flush();
        }
        root().rawOut.write(b);
        root().rawOut.flush();
    }
}
