package io.jipc.cli;

import io.jipc.api.Capabilities;
import io.jipc.api.MessageChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** {@code jipc send}: one message from the shell. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Send one message to a channel.",
                "The message is TEXT as UTF-8, the bytes of --file F, or standard input with '-'. The channel must exist unless the URI says open=create or open=open-or-create (a channel created so is removed again if Ctrl-C/SIGTERM comes before the message is sent). pipe:, unix:pair and sysv:private are refused: no other process could read the message.",
                "On a SysV queue the message is a C struct msgbuf (long mtype = the tag, then the bytes), so C programs using msgrcv read it as they would a C sender's."},
        footer = {"", "Examples:", "  jipc send 'sysv:?key=0x1234' --tag 2 hello", "  date | jipc send posix:/orders -",
                "  jipc send 'posix:/orders' --file order.bin"})
public final class SendCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "URI", description = "The channel.")
    String uri;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TEXT", description = "The message, or '-' for standard input.")
    String text;

    @Option(names = "--file", paramLabel = "F", description = "Send the bytes of this file.")
    Path file;

    @Option(names = "--tag", paramLabel = "T", description = "The tag: SysV type (> 0) or POSIX priority; default: the channel's default tag.")
    Long tag;

    @Option(names = "--timeout", paramLabel = "D", converter = Converters.DurationConverter.class,
            description = "Wait at most D while the channel is full (500ms, 2s, 1m; 0 = do not wait); default: wait.")
    Duration timeout;

    @Override
    public Integer call() throws IOException {
        if (text != null && file != null) {
            throw new UsageError("give TEXT, --file F or '-', not several");
        }
        byte[] payload;
        if (file != null) {
            try {
                payload = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new Failure("cannot read --file " + file + ": " + Failure.why(e), e);
            }
        } else if ("-".equals(text)) {
            payload = root().in.readAllBytes();
        } else if (text != null) {
            payload = text.getBytes(StandardCharsets.UTF_8);
        } else {
            throw new UsageError("nothing to send: give TEXT, --file F or '-' (standard input)");
        }
        io.jipc.api.IpcUri u = Targets.parse(uri);
        Targets.backend(u);
        Targets.checkReachable(u, "send");
        Targets.OpenedChannel opened = Targets.openChannel(uri);
        // created here (open=create / open-or-create): removed again if a signal stops the command
        // before the message is sent; once sent, it stays, as asked
        try (MessageChannel ch = opened.channel();
             Teardown.Registration undo = opened.created() ? Teardown.onInterrupt(uri, opened.channel()::remove) : null) {
            Capabilities caps = ch.capabilities();
            long max = caps.maxMessageSize();
            if (max >= 0 && payload.length > max) {
                throw new Failure("message of " + payload.length + " bytes is larger than the largest " + uri + " accepts ("
                        + max + " bytes; see 'jipc limits')");
            }
            long t = tag == null ? caps.defaultTag() : tag;
            ByteBuffer msg = ByteBuffer.allocateDirect(Math.max(1, payload.length));
            msg.put(payload).flip();
            if (timeout == null) {
                ch.send(msg, t);
            } else if (timeout.isZero()) {
                if (!ch.trySend(msg, t)) {
                    throw new Failure("channel " + uri + " is full; nothing sent");
                }
            } else if (!ch.send(msg, t, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Failure("channel " + uri + " stayed full for " + Durations.format(timeout) + "; nothing sent");
            }
            out().println("sent " + payload.length + " byte(s) with tag " + t + " to " + uri);
        }
        return Main.EXIT_OK;
    }
}
