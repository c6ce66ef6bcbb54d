package io.jipc.bench.verify;

/** Writes the few JSON values the verify results need (strings, numbers, booleans, null). */
final class JsonOut {
    private JsonOut() {
    }

    static StringBuilder field(StringBuilder sb, String name, Object value) {
        string(sb, name).append(": ");
        if (value == null) {
            return sb.append("null");
        }
        if (value instanceof Number || value instanceof Boolean) {
            return sb.append(value);
        }
        return string(sb, value.toString());
    }

    static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
