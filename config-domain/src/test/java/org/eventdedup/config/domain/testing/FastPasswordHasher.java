package org.eventdedup.config.domain.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.out.PasswordHasher;

/**
 * A quick salted SHA-256 stand-in for Argon2 ({@code fast$<salt>$<digest>}), counting its verifications so tests can
 * tell when hashing was skipped. Never for production: SHA-256 is far too fast for passwords.
 */
public final class FastPasswordHasher implements PasswordHasher {
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger verifications = new AtomicInteger();

    @Override
    public String hash(SecretString password) {
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return "fast$" + saltHex + "$" + digest(saltHex, password);
    }

    @Override
    public boolean verify(SecretString password, String encodedHash) {
        verifications.incrementAndGet();
        String[] parts = encodedHash.split("\\$");
        if (parts.length != 3 || !parts[0].equals("fast")) {
            return false;
        }
        return MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.US_ASCII),
                digest(parts[1], password).getBytes(StandardCharsets.US_ASCII));
    }

    /** How often {@link #verify} ran. */
    public int verifications() {
        return verifications.get();
    }

    private static String digest(String saltHex, SecretString password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(saltHex.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(password.reveal().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
