package org.eventdedup.matching.evaluation;

/** A truth document that cannot be used; {@link #pointer()} names the offending part (JSON pointer, "" = root). */
public final class GroundTruthException extends RuntimeException {
    private final String pointer;
    private final String problem;

    GroundTruthException(String pointer, String problem) {
        super(pointer.isEmpty() ? problem : pointer + " " + problem);
        this.pointer = pointer;
        this.problem = problem;
    }

    public String pointer() {
        return pointer;
    }

    /** The problem without the pointer. */
    public String problem() {
        return problem;
    }
}
