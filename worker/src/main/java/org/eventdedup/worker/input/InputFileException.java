package org.eventdedup.worker.input;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An input file that cannot be ingested (matching-spec Part A 13): the whole file goes to dead letters, with every
 * problem listed, each naming the event and the field.
 */
public final class InputFileException extends Exception {
    private final String fileName;
    private final List<InputProblem> problems;

    public InputFileException(String fileName, List<InputProblem> problems) {
        super(message(fileName, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an input file is rejected for at least one problem");
        }
        this.fileName = fileName;
        this.problems = List.copyOf(problems);
    }

    public String fileName() {
        return fileName;
    }

    public List<InputProblem> problems() {
        return problems;
    }

    private static String message(String fileName, List<InputProblem> problems) {
        return fileName + " rejected, " + problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + problems.stream().map(InputProblem::describe).collect(Collectors.joining("; "));
    }
}
