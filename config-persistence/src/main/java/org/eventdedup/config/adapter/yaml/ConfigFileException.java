package org.eventdedup.config.adapter.yaml;

import java.nio.file.Path;
import java.util.List;

/**
 * The config file cannot be used. The message lists every problem, one per line, each as
 * {@code <file>:<line>: <field path>: <what is wrong>} (compiler style, so editors can jump to it).
 */
public class ConfigFileException extends RuntimeException {

    private final transient Path file;
    private final List<String> problems;

    ConfigFileException(Path file, List<String> problems) {
        super(String.join("\n", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    /** One formatted line per problem, in file order. */
    public List<String> problems() {
        return problems;
    }
}
