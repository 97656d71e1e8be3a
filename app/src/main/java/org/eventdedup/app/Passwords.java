package org.eventdedup.app;

import java.security.SecureRandom;
import java.util.Base64;
import org.eventdedup.config.domain.model.SecretString;

/** Generated operator passwords: 24 random bytes, base64url (32 characters, 192 bits). */
final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    static SecretString generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return SecretString.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
