package org.eventdedup.config.adapter.yaml;

import java.nio.file.Path;
import java.util.Comparator;

/** One thing wrong with the file; {@code line} 0 when unknown, {@code path} empty when not about one field. */
record Problem(int line, String path, String message) {

    /** File order; problems without a line go last. */
    static final Comparator<Problem> BY_LINE = Comparator.comparingInt(p -> p.line() == 0 ? Integer.MAX_VALUE : p.line());

    String format(Path file) {
        return file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
