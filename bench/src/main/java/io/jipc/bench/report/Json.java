package io.jipc.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.util.List;
import java.util.Map;

/**
 * Reads JMH's result files and the suite's own JSON through Jackson (objects → {@link Map},
 * arrays → {@link List}, numbers → {@link Number}, plus strings, booleans and null), and writes the
 * suite's own ({@link #write(Object)}). JMH writes {@code "NaN"} as a string for missing numbers;
 * {@link #num(Object)} reads both.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

    private Json() {
    }

    /** {@code value} (maps, lists, strings, numbers, booleans, null) as indented JSON text ending with a newline. */
    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the line and column when it is not JSON
     */
    public static Object parse(String text) {
        try {
            Object v = MAPPER.readValue(text, Object.class);
            if (v == null && text.isBlank()) {
                throw new IllegalArgumentException("JSON: no value (the text is empty)");
            }
            return v;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("JSON: " + e.getOriginalMessage() + where, e);
        }
    }

    /** A number from a parsed value ({@code NaN} for null, "NaN" or anything not a number). */
    public static double num(Object o) {
        if (o instanceof Number) {
            return ((Number) o).doubleValue();
        }
        if (o instanceof String) {
            try {
                return Double.parseDouble((String) o);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
