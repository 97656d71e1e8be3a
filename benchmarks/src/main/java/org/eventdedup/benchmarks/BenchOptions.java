package org.eventdedup.benchmarks;

import java.util.Locale;

/** Option parsing shared by the benchmark commands. */
public final class BenchOptions {
    private BenchOptions() {
    }

    /** The option's value as a whole number in [min, max], or an error naming the option, the range and the value. */
    public static long wholeNumber(String option, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s must be a whole number from %d to %d, got \"%s\"", option, min, max, value));
    }
}
