package org.eventdedup.config.domain.port.out;

import org.eventdedup.config.domain.model.SecretString;

/** Encrypts the API key for storage. Implemented by {@code FernetSecretCipher}. */
public interface SecretCipher {

    /** A token safe to store (Fernet, with the primary key). */
    String encrypt(SecretString secret);

    /**
     * Decrypts a stored token; also reads the earlier service's legacy {@code plain:} values.
     *
     * @throws SecretDecryptionException when no configured key opens the token (message never holds the secret)
     */
    SecretString decrypt(String token);

    /** True when the token is not encrypted with the primary key (an older key or a legacy plain value). */
    boolean needsReencryption(String token);
}
