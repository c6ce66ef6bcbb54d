package io.jipc.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/**
 * Reads JMH's result files and the suite's own JSON through Jackson (objects → {@link Map},
 * arrays → {@link List}, numbers → {@link Number}, plus strings, booleans and null). JMH writes
 * {@code "NaN"} as a string for missing numbers; {@link #num(Object)} reads both.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
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
