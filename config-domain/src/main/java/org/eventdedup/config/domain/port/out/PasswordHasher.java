package org.eventdedup.config.domain.port.out;

import org.eventdedup.config.domain.model.SecretString;

/** One-way password hashing (Argon2id in production). Encoded hashes carry their own salt and parameters. */
public interface PasswordHasher {

    /** A new encoded hash with a fresh random salt. */
    String hash(SecretString password);

    /** True when the password matches; compares in constant time; false (never an exception) for a foreign format. */
    boolean verify(SecretString password, String encodedHash);
}
