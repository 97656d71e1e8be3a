package org.eventdedup.matching.tuning;

/** The labels cannot support a suggestion (too few, or none among the listings); the message says what is missing. */
public final class TuningException extends RuntimeException {

    public TuningException(String message) {
        super(message);
    }
}
