package org.eventdedup.config.adapter.secret;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import org.eventdedup.config.domain.port.out.SecretDecryptionException;

/**
 * The byte layout of a Fernet token: {@code 0x80 ‖ timestamp(8, big-endian) ‖ IV(16) ‖ ciphertext(n·16) ‖ HMAC(32)},
 * carried as padded url-safe base64. Parsing checks only the structure; the key holder checks MAC and padding.
 */
final class FernetToken {

    static final byte VERSION = (byte) 0x80;
    static final int IV_BYTES = 16;
    private static final int TIMESTAMP_BYTES = 8;
    private static final int HEADER_BYTES = 1 + TIMESTAMP_BYTES + IV_BYTES;
    private static final int MAC_BYTES = 32;
    private static final int BLOCK_BYTES = 16;

    private final byte[] bytes;

    private FernetToken(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Messages name what is wrong, never the token itself. */
    static FernetToken parse(String token) {
        String text = token.strip();
        // Python's decoder insists on '=' padding while Java's would accept its absence: stay as strict as Python
        if (text.isEmpty() || text.length() % 4 != 0) {
            throw new SecretDecryptionException("Fernet token is malformed (not padded url-safe base64)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            // the JDK message quotes the offending character, so it is not passed on
            throw new SecretDecryptionException("Fernet token is malformed (not url-safe base64)");
        }
        if (bytes[0] != VERSION) {
            throw new SecretDecryptionException("Fernet token has an unknown version");
        }
        if (bytes.length < HEADER_BYTES + BLOCK_BYTES + MAC_BYTES) {
            throw new SecretDecryptionException("Fernet token is too short");
        }
        return new FernetToken(bytes);
    }

    static String encode(long timestamp, byte[] iv, byte[] ciphertext, FernetKey key) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + ciphertext.length + MAC_BYTES);
        buffer.put(VERSION).putLong(timestamp).put(iv).put(ciphertext);
        byte[] all = buffer.array();
        int signedLength = all.length - MAC_BYTES;
        buffer.put(key.sign(all, signedLength));
        return Base64.getUrlEncoder().encodeToString(all);
    }

    /** Creation time in Unix seconds, unsigned: a negative value means a hostile timestamp beyond 2^63. */
    long timestamp() {
        return ByteBuffer.wrap(bytes, 1, TIMESTAMP_BYTES).getLong();
    }

    byte[] bytes() {
        return bytes;
    }

    int signedLength() {
        return bytes.length - MAC_BYTES;
    }

    byte[] mac() {
        return Arrays.copyOfRange(bytes, signedLength(), bytes.length);
    }

    byte[] iv() {
        return Arrays.copyOfRange(bytes, 1 + TIMESTAMP_BYTES, HEADER_BYTES);
    }

    byte[] ciphertext() {
        return Arrays.copyOfRange(bytes, HEADER_BYTES, signedLength());
    }
}
