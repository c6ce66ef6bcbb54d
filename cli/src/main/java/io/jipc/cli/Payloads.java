package io.jipc.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text or binary: how {@code recv} decides what it may print to a terminal, and hex dumps. */
final class Payloads {
    private Payloads() {
    }

    /** The bytes as text when they are valid UTF-8 without control characters (tab, CR, LF allowed); else null. */
    static String asText(byte[] b) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
                return null;
            }
        }
        return s;
    }

    /** A classic hex dump: offset, 16 bytes in hex, the printable ASCII. */
    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int off = 0; off < b.length; off += 16) {
            sb.append(String.format("%08x ", off));
            StringBuilder ascii = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if (off + i < b.length) {
                    int v = b[off + i] & 0xff;
                    sb.append(String.format(" %02x", v));
                    ascii.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
                } else {
                    sb.append("   ");
                }
                if (i == 7) {
                    sb.append(' ');
                }
            }
            sb.append("  |").append(ascii).append("|\n");
        }
        if (b.length == 0) {
            sb.append("(empty message)\n");
        }
        return sb.toString();
    }
}
