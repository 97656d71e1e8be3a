package org.eventdedup.config.adapter.secret;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.out.SecretCipher;
import org.eventdedup.config.domain.port.out.SecretDecryptionException;

/**
 * {@link SecretCipher} with Fernet tokens, compatible with Python {@code cryptography} and with the earlier service:
 * UTF-8 plaintext, padded url-safe base64 tokens, no TTL unless asked for, and its legacy {@code plain:<value>}
 * values (written when it had no key) are still read, though never written.
 */
public final class FernetSecretCipher implements SecretCipher {

    /** Prefix of the earlier service's unencrypted values. */
    static final String PLAIN_PREFIX = "plain:";

    /** How far a token's timestamp may lie in the future when a TTL is enforced (Python's {@code _MAX_CLOCK_SKEW}). */
    static final long MAX_CLOCK_SKEW_SECONDS = 60;

    private final FernetKeyRing keys;
    private final Clock clock;
    private final Supplier<byte[]> ivSource;
    private final Duration ttl;

    /** System clock, random IVs, no TTL: what production uses. */
    public FernetSecretCipher(FernetKeyRing keys) {
        this(keys, Clock.systemUTC(), randomIvs(new SecureRandom()));
    }

    /**
     * @param clock    gives the timestamp written into tokens (and "now" for a TTL)
     * @param ivSource returns 16 fresh bytes per call; must never repeat with the same key
     */
    public FernetSecretCipher(FernetKeyRing keys, Clock clock, Supplier<byte[]> ivSource) {
        this(keys, clock, ivSource, null);
    }

    private FernetSecretCipher(FernetKeyRing keys, Clock clock, Supplier<byte[]> ivSource, Duration ttl) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ivSource = Objects.requireNonNull(ivSource, "ivSource");
        this.ttl = ttl;
    }

    /**
     * A copy that also rejects tokens older than {@code ttl} or more than 60 s in the future. Stored API keys must
     * not expire, so production leaves this off; it exists for the spec's time-based vectors and other uses.
     */
    public FernetSecretCipher withTtl(Duration ttl) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative, got " + ttl);
        }
        return new FernetSecretCipher(keys, clock, ivSource, ttl);
    }

    @Override
    public String encrypt(SecretString secret) {
        return encrypt(secret.reveal().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public SecretString decrypt(String token) {
        Objects.requireNonNull(token, "token");
        String text;
        if (token.startsWith(PLAIN_PREFIX)) {
            text = token.substring(PLAIN_PREFIX.length());
        } else {
            text = utf8(decryptBytes(token));
        }
        if (text.isBlank()) {
            throw new SecretDecryptionException("stored secret is empty");
        }
        return SecretString.of(text);
    }

    @Override
    public boolean needsReencryption(String token) {
        Objects.requireNonNull(token, "token");
        if (token.startsWith(PLAIN_PREFIX)) {
            return true;
        }
        FernetToken parsed;
        try {
            parsed = FernetToken.parse(token);
        } catch (SecretDecryptionException e) {
            return true;
        }
        // no TTL here: as in MultiFernet.rotate, a token's age never decides whether it is re-encrypted
        FernetKey primary = keys.primary();
        return !(primary.signed(parsed) && decipher(primary, parsed).isPresent());
    }

    /** Fernet "generate" with the primary key, the clock's current second and a fresh IV. */
    String encrypt(byte[] plaintext) {
        byte[] iv = ivSource.get();
        if (iv == null || iv.length != FernetToken.IV_BYTES) {
            throw new IllegalStateException("IV source must return " + FernetToken.IV_BYTES + " bytes");
        }
        FernetKey key = keys.primary();
        return FernetToken.encode(clock.instant().getEpochSecond(), iv, key.encrypt(iv, plaintext), key);
    }

    /**
     * Fernet "verify": structure, then age (only with a TTL; before the MAC, as the spec orders it), then each key in
     * turn, as MultiFernet does.
     */
    byte[] decryptBytes(String token) {
        FernetToken parsed = FernetToken.parse(Objects.requireNonNull(token, "token"));
        if (ttl != null) {
            checkAge(parsed.timestamp());
        }
        boolean signed = false;
        for (FernetKey key : keys.all()) {
            if (key.signed(parsed)) {
                signed = true;
                Optional<byte[]> plaintext = decipher(key, parsed);
                if (plaintext.isPresent()) {
                    return plaintext.get();
                }
            }
        }
        if (signed) {
            throw new SecretDecryptionException("Fernet token is signed but its ciphertext does not decrypt");
        }
        throw new SecretDecryptionException("Fernet token signature matches none of the " + keys.size()
                + " configured key(s) (wrong " + FernetKeyRing.VARIABLE + " or a damaged token)");
    }

    /** Empty when the ciphertext is not whole blocks or its PKCS#7 padding is wrong. */
    private static Optional<byte[]> decipher(FernetKey key, FernetToken token) {
        try {
            return Optional.of(key.decrypt(token.iv(), token.ciphertext()));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private void checkAge(long timestamp) {
        long now = clock.instant().getEpochSecond();
        // an unsigned timestamp beyond 2^63 reads as negative: that is far in the future
        if (timestamp < 0 || timestamp - MAX_CLOCK_SKEW_SECONDS > now) {
            throw new SecretDecryptionException("Fernet token timestamp lies too far in the future");
        }
        if (timestamp < now - ttl.getSeconds()) {
            throw new SecretDecryptionException("Fernet token has expired (older than " + ttl.getSeconds() + " s)");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SecretDecryptionException("decrypted secret is not UTF-8 text");
        }
    }

    private static Supplier<byte[]> randomIvs(SecureRandom random) {
        return () -> {
            byte[] iv = new byte[FernetToken.IV_BYTES];
            random.nextBytes(iv);
            return iv;
        };
    }

    @Override
    public String toString() {
        return "FernetSecretCipher[" + keys + (ttl == null ? "" : ", ttl " + ttl) + "]";
    }
}
