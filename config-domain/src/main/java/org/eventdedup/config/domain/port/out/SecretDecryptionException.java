package org.eventdedup.config.domain.port.out;

/** A stored token could not be decrypted with any configured key. */
public class SecretDecryptionException extends RuntimeException {
    public SecretDecryptionException(String message) {
        super(message);
    }
}
