package io.jipc.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Runs the jipc command in-process with captured output. */
final class CliRun {
    final int code;
    final byte[] outBytes;
    final String out;
    final String err;

    private CliRun(int code, byte[] out, String err) {
        this.code = code;
        this.outBytes = out;
        this.out = new String(out, StandardCharsets.UTF_8);
        this.err = err;
    }

    static CliRun run(String... args) {
        return run(new byte[0], false, args);
    }

    static CliRun run(byte[] stdin, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, out, err, new ByteArrayInputStream(stdin), terminal);
        return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
    }
}
