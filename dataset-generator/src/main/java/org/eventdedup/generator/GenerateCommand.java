package org.eventdedup.generator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code generate --listings N --seed S --out DIR} (contract §3): writes a synthetic labelled data set (see
 * {@link DataSetFiles} for the layout). Bad arguments exit 2 with a one-line reason, a failure while writing exits 1;
 * the launcher only dispatches here.
 */
public final class GenerateCommand {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final String USAGE_LINE = "usage: generate --listings N --seed S --out DIR";

    /** Parsed and checked arguments. */
    record Options(int listings, long seed, Path out) {

        /** @throws IllegalArgumentException with the one-line reason */
        static Options parse(List<String> args) {
            Integer listings = null;
            Long seed = null;
            Path out = null;
            for (int i = 0; i < args.size(); i++) {
                String option = args.get(i);
                if (!List.of("--listings", "--seed", "--out").contains(option)) {
                    throw new IllegalArgumentException("unknown option \"" + option + "\" (" + USAGE_LINE + ")");
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(option + " needs a value (" + USAGE_LINE + ")");
                }
                String value = args.get(++i);
                switch (option) {
                    case "--listings" -> listings = listings(value);
                    case "--seed" -> seed = seed(value);
                    default -> out = path(value);
                }
            }
            if (listings == null || seed == null || out == null) {
                throw new IllegalArgumentException("--listings, --seed and --out are required (" + USAGE_LINE + ")");
            }
            return new Options(listings, seed, out);
        }

        private static int listings(String value) {
            try {
                long n = Long.parseLong(value.strip());
                if (n >= 1 && n <= SyntheticDataGenerator.MAX_LISTINGS) {
                    return (int) n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--listings must be a whole number from 1 to %,d, got \"%s\"", SyntheticDataGenerator.MAX_LISTINGS,
                    value));
        }

        private static long seed(String value) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seed must be a whole number (64-bit), got \"" + value + "\"");
            }
        }

        private static Path path(String value) {
            if (value.isBlank()) {
                throw new IllegalArgumentException("--out must name a directory");
            }
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("--out is not a valid path: " + e.getMessage());
            }
        }
    }

    private GenerateCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
            prepareDirectory(options.out());
        } catch (IllegalArgumentException e) {
            err.println("event-dedup: generate: " + e.getMessage());
            return USAGE;
        }
        long start = System.nanoTime();
        try {
            SyntheticDataGenerator.Result result = DataSetFiles.write(options.listings(), options.seed(),
                    options.out());
            out.printf(Locale.ROOT, "Wrote %,d listings of %,d events (%s to %s) in %d files to %s, truth with %,d"
                            + " pairs in %s (%.1f s)%n", result.listings(), result.truth().entityCount(),
                    result.firstDay(), result.lastDay(), result.files(),
                    options.out().resolve(DataSetFiles.INPUT_FOLDER), result.truth().pairCount(),
                    options.out().resolve(DataSetFiles.TRUTH_FILE), (System.nanoTime() - start) / 1e9);
            return OK;
        } catch (IOException | RuntimeException e) {
            err.println("event-dedup: generate failed: " + oneLine(String.valueOf(e.getMessage())));
            return FAILURE;
        }
    }

    /**
     * DIR is created when missing; it must be an empty directory we can write to, so a run never mixes its files
     * with those of an earlier one.
     */
    static void prepareDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " exists and is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--out " + dir + " cannot be created: " + describe(e));
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("--out " + dir + " is not empty (choose a new or empty directory)");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + dir + " cannot be read: " + describe(e));
        }
        Path probe = dir.resolve(".write-probe");
        try {
            Files.write(probe, new byte[0]);
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--out " + dir + " is not writable: " + describe(e));
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
