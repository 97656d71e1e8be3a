/**
 * Fernet encryption of the stored Gemini API key ({@link org.eventdedup.config.adapter.secret.FernetSecretCipher},
 * the {@code SecretCipher} port) and where its keys come from ({@link org.eventdedup.config.adapter.secret.EncryptionKeys}).
 * Tokens are byte-compatible with Python {@code cryptography}'s Fernet, so rows written by the earlier service stay
 * readable. Operator passwords are hashed with Argon2id
 * ({@link org.eventdedup.config.adapter.secret.Argon2PasswordHasher}, the {@code PasswordHasher} port).
 */
package org.eventdedup.config.adapter.secret;
