package org.eventdedup.offline;

/**
 * Bad usage or bad input of an offline command ({@code match}, {@code evaluate}, {@code ground-truth import}): the
 * command prints the one-line message and exits with 2. Not the launcher's {@code UsageException}, so the offline
 * runs do not depend on the launcher.
 */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message, null, false, false);
    }
}
