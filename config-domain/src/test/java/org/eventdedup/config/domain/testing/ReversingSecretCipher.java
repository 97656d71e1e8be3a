package org.eventdedup.config.domain.testing;

import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.out.SecretCipher;
import org.eventdedup.config.domain.port.out.SecretDecryptionException;

/**
 * A transparent test cipher: tokens are {@code enc:<generation>:<reversed text>}. {@link #rotateTo} changes the
 * generation so that older tokens need re-encryption; {@code broken:} tokens cannot be decrypted.
 */
public final class ReversingSecretCipher implements SecretCipher {
    private volatile int generation = 1;

    public void rotateTo(int newGeneration) {
        generation = newGeneration;
    }

    @Override
    public String encrypt(SecretString secret) {
        return "enc:" + generation + ":" + new StringBuilder(secret.reveal()).reverse();
    }

    @Override
    public SecretString decrypt(String token) {
        if (token.startsWith("plain:")) {
            return SecretString.of(token.substring("plain:".length()));
        }
        String[] parts = token.split(":", 3);
        if (parts.length != 3 || !parts[0].equals("enc")) {
            throw new SecretDecryptionException("token cannot be decrypted with any configured key");
        }
        return SecretString.of(new StringBuilder(parts[2]).reverse().toString());
    }

    @Override
    public boolean needsReencryption(String token) {
        return !token.startsWith("enc:" + generation + ":");
    }
}
