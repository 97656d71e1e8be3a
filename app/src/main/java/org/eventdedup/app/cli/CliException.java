package org.eventdedup.app.cli;

/**
 * Bad usage or bad input of an offline command: the command prints the one-line message and exits with 2. Kept in
 * this package (not the launcher's {@code UsageException}) so the commands do not depend back on the launcher.
 */
public final class CliException extends RuntimeException {
    CliException(String message) {
        super(message, null, false, false);
    }
}
