package org.eventdedup.config.adapter.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.out.PasswordHasher;

/**
 * Argon2id password hashes (BouncyCastle) as PHC strings, {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, with
 * the OWASP parameters (19 MiB, 2 passes, 1 lane), a 16-byte random salt and a 32-byte hash. Verification reads the
 * parameters from the string, so hashes made with other parameters keep working if the defaults change.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

    /** OWASP Password Storage Cheat Sheet, Argon2id minimum configuration. */
    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    // Bounds for parameters read from a stored string: a corrupt row must not make verification take minutes.
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 16;
    private static final int MAX_PARALLELISM = 16;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{22,})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;

    /** The OWASP parameters. */
    public Argon2PasswordHasher() {
        this(MEMORY_KIB, ITERATIONS, PARALLELISM);
    }

    Argon2PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    @Override
    public String hash(SecretString password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    @Override
    public boolean verify(SecretString password, String encodedHash) {
        if (encodedHash == null) {
            return false;
        }
        Matcher m = PHC.matcher(encodedHash);
        if (!m.matches()) {
            return false;
        }
        int memory = Integer.parseInt(m.group(1));
        int passes = Integer.parseInt(m.group(2));
        int lanes = Integer.parseInt(m.group(3));
        if (memory > MAX_MEMORY_KIB || passes < 1 || passes > MAX_ITERATIONS || lanes < 1 || lanes > MAX_PARALLELISM
                || memory < 8 * lanes) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = B64_DECODER.decode(m.group(4));
            expected = B64_DECODER.decode(m.group(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] actual = derive(password, salt, memory, passes, lanes, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    static byte[] derive(SecretString password, byte[] salt, int memoryKib, int iterations, int parallelism,
                         int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.reveal().getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    @Override
    public String toString() {
        return "Argon2PasswordHasher[argon2id m=" + memoryKib + " KiB, t=" + iterations + ", p=" + parallelism + "]";
    }
}
