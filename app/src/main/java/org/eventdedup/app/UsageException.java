package org.eventdedup.app;

/**
 * Bad usage or bad input: the launcher prints the one-line message and exits with 2. The message must never contain
 * a secret (passwords, keys) because it goes straight to the terminal.
 */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
