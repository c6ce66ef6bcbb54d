package io.jipc.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The commands' {@code --json} output, written by Jackson. The tables' values are typed on the
 * way out: keys become camelCase ({@code "capacity (bytes)"} → {@code "capacityBytes"}), decimal
 * integers become numbers, {@code yes}/{@code no} booleans and {@code -} or {@code unknown} {@code null}.
 * Values that only look like numbers (modes such as {@code 0600}, keys, names, paths) stay strings.
 */
public final class Json {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    /** Keys whose values are text even when they look like numbers or yes/no. */
    private static final Set<String> TEXT = Set.of("name", "mode", "key", "path", "file", "uri", "owner", "description",
            "notes", "scheme", "module", "source", "meaning", "unit", "why", "crashLeaves", "object");

    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

    private Json() {
    }

    /** {@code value} (maps, collections, strings, numbers, booleans) as indented, typed JSON text. */
    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(typed(value, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code v} with camelCase keys and typed values (see the class comment); {@code key} is its key or null. */
    static Object typed(Object v, String key) {
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            ((Map<?, ?>) v).forEach((k, x) -> {
                String ck = camel(String.valueOf(k));
                m.put(ck, typed(x, ck));
            });
            return m;
        }
        if (v instanceof Collection) {
            List<Object> l = new ArrayList<>();
            for (Object x : (Collection<?>) v) {
                l.add(typed(x, key));
            }
            return l;
        }
        if (!(v instanceof String) || (key != null && TEXT.contains(key))) {
            return v;
        }
        String s = (String) v;
        switch (s) {
            case "-":
            case "unknown":
                return null;
            case "yes": return Boolean.TRUE;
            case "no": return Boolean.FALSE;
            default:
                break;
        }
        if (INTEGER.matcher(s).matches() && s.length() < 40) {
            BigInteger b = new BigInteger(s);
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        return s;
    }

    /** {@code "capacity (bytes)"} → {@code "capacityBytes"}, {@code "last send pid"} → {@code "lastSendPid"}. */
    static String camel(String key) {
        String[] words = key.replaceAll("[^A-Za-z0-9]+", " ").trim().split(" ");
        if (words.length <= 1) {
            return words.length == 0 || words[0].isEmpty() ? key : words[0];
        }
        StringBuilder sb = new StringBuilder(words[0].toLowerCase(Locale.ROOT));
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            if (!w.isEmpty()) {
                sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        return sb.toString();
    }
}
