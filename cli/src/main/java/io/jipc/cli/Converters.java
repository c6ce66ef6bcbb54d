package io.jipc.cli;

import io.jipc.api.Select;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** picocli converters whose errors are usage errors (exit 2) with a message that says what is expected. */
final class Converters {
    private Converters() {
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, {@code 0}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code any}, {@code tag:T}, {@code upto:T}, {@code not:T}. */
    static final class SelectConverter implements ITypeConverter<Select> {
        @Override
        public Select convert(String value) {
            try {
                return Select.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
