package org.eventdedup.worker.labels;

import java.util.List;
import java.util.Objects;

/**
 * A label, merge or split that cannot be done, with a stable code the HTTP adapter maps to a status, and for
 * {@link Code#INVALID} the offending fields as JSON pointers into the request.
 */
public final class LabelException extends RuntimeException {

    public enum Code {
        /** the request names listings or groups that cannot be used (422) */
        INVALID,
        /** the pair has no label, or the canonical event does not exist (404) */
        NOT_FOUND,
        /** the canonical event changed since the client read it (409) */
        STALE
    }

    /** One offending field: a JSON pointer such as {@code #/b} or {@code #/groups/1/0}, and what is wrong. */
    public record FieldProblem(String pointer, String detail) {
        public FieldProblem {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private final Code code;
    private final List<FieldProblem> problems;

    public LabelException(Code code, String message, List<FieldProblem> problems) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.problems = List.copyOf(problems);
    }

    static LabelException invalid(String message, List<FieldProblem> problems) {
        return new LabelException(Code.INVALID, message, problems);
    }

    static LabelException invalid(String pointer, String detail) {
        return invalid("The request is invalid: " + pointer.substring(2) + " " + detail + ".",
                List.of(new FieldProblem(pointer, detail)));
    }

    public Code code() {
        return code;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
