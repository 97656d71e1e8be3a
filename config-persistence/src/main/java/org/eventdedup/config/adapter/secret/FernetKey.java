package org.eventdedup.config.adapter.secret;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One Fernet key: 32 bytes, written as padded url-safe base64; bytes 0..15 sign (HMAC-SHA256), bytes 16..31 encrypt
 * (AES-128-CBC). The key text never appears in {@link #toString()} or in exception messages.
 */
public final class FernetKey {

    static final int KEY_BYTES = 32;
    private static final int HALF = 16;

    private final SecretKeySpec signingKey;
    private final SecretKeySpec encryptionKey;

    private FernetKey(byte[] raw) {
        this.signingKey = new SecretKeySpec(raw, 0, HALF, "HmacSHA256");
        this.encryptionKey = new SecretKeySpec(raw, HALF, HALF, "AES");
    }

    /** A new random key in Fernet's text form (what Python's {@code Fernet.generate_key()} returns). */
    public static String generate() {
        return generate(new SecureRandom());
    }

    static String generate(SecureRandom random) {
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        try {
            return Base64.getUrlEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * @throws IllegalArgumentException when the text is not 32 url-safe base64 bytes; the message never holds the text,
     *                                  because a near-miss key is still mostly secret
     */
    static FernetKey decode(String text) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not url-safe base64");
        }
        try {
            if (raw.length != KEY_BYTES) {
                throw new IllegalArgumentException("decodes to " + raw.length + " bytes, a Fernet key has " + KEY_BYTES);
            }
            return new FernetKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** HMAC-SHA256 with the signing key over {@code data[0, length)}. */
    byte[] sign(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(signingKey);
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JRE", e);
        }
    }

    /** Constant-time check of the token's MAC, so the time taken says nothing about how many bytes matched. */
    boolean signed(FernetToken token) {
        return MessageDigest.isEqual(sign(token.bytes(), token.signedLength()), token.mac());
    }

    byte[] encrypt(byte[] iv, byte[] plaintext) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, iv).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/PKCS5Padding is not available in this JRE", e);
        }
    }

    /** @throws GeneralSecurityException on a ciphertext that is not whole blocks or has bad PKCS#7 padding */
    byte[] decrypt(byte[] iv, byte[] ciphertext) throws GeneralSecurityException {
        return cipher(Cipher.DECRYPT_MODE, iv).doFinal(ciphertext);
    }

    private Cipher cipher(int mode, byte[] iv) throws GeneralSecurityException {
        // JCE's "PKCS5Padding" on a 16-byte block cipher is PKCS#7, as Fernet requires
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(mode, encryptionKey, new IvParameterSpec(iv));
        return cipher;
    }

    @Override
    public String toString() {
        return "FernetKey[***]";
    }
}
