package org.eventdedup.config.adapter.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.out.SecretDecryptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FernetSecretCipherTest {

    private static final String KEY = FernetKey.generate();
    private static final String OTHER_KEY = FernetKey.generate();
    private static final SecretString API_KEY = SecretString.of("AIzaSyD-secret-api-key-0123456789abcdef");

    private final FernetSecretCipher cipher = new FernetSecretCipher(FernetKeyRing.parse(KEY));

    @ParameterizedTest
    @ValueSource(strings = {"AIzaSyD-secret-api-key-0123456789abcdef", "Straße ✓", "x", "0123456789abcdef",
            "a long secret that spans several AES blocks, with emoji 🔑 and umlauts äöü"})
    void round_trip_returns_the_secret(String text) {
        String token = cipher.encrypt(SecretString.of(text));

        assertThat(cipher.decrypt(token).reveal()).isEqualTo(text);
    }

    @Test
    void token_is_padded_urlsafe_base64_of_the_fernet_layout() {
        Instant now = Instant.parse("2026-03-01T12:00:00.750Z");
        FernetSecretCipher fixed = new FernetSecretCipher(FernetKeyRing.parse(KEY),
                Clock.fixed(now, ZoneOffset.UTC), () -> new byte[16]);

        String token = fixed.encrypt(SecretString.of("0123456789abcdef"));

        byte[] raw = Base64.getUrlDecoder().decode(token);
        assertThat(token).matches("[A-Za-z0-9_-]+=*").hasSize(4 * ((raw.length + 2) / 3));
        assertThat(raw).hasSize(57 + 32);
        assertThat(raw[0]).isEqualTo((byte) 0x80);
        assertThat(java.nio.ByteBuffer.wrap(raw, 1, 8).getLong()).isEqualTo(now.getEpochSecond());
    }

    @Test
    void every_token_gets_a_fresh_iv() {
        assertThat(cipher.encrypt(API_KEY)).isNotEqualTo(cipher.encrypt(API_KEY));
    }

    @Test
    void wrong_key_fails_cleanly_without_revealing_token_or_secret() {
        String token = cipher.encrypt(API_KEY);
        FernetSecretCipher other = new FernetSecretCipher(FernetKeyRing.parse(OTHER_KEY));

        assertThatThrownBy(() -> other.decrypt(token))
                .isExactlyInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("EVENT_DEDUP_ENCRYPTION_KEY")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token).doesNotContain(API_KEY.reveal())
                        .doesNotContain(KEY).doesNotContain(OTHER_KEY));
    }

    @Test
    void tampered_token_is_rejected() {
        byte[] raw = Base64.getUrlDecoder().decode(cipher.encrypt(API_KEY));
        raw[30] ^= 1;
        String tampered = Base64.getUrlEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(SecretDecryptionException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not a token", "gAAAAA", "%%%%", "plain", "Zm9v",
            // a valid token with its '=' padding stripped: Python rejects it, so do we
            "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA"})
    void malformed_tokens_raise_secret_decryption_exception(String token) {
        assertThatThrownBy(() -> cipher.decrypt(token))
                .isExactlyInstanceOf(SecretDecryptionException.class)
                .hasNoCause()
                .satisfies(e -> {
                    if (!token.isBlank()) {
                        assertThat(e.getMessage()).doesNotContain(token);
                    }
                });
    }

    @Test
    void legacy_plain_value_decrypts_to_its_text() {
        assertThat(cipher.decrypt("plain:AIza-legacy-key").reveal()).isEqualTo("AIza-legacy-key");
        assertThat(cipher.decrypt("plain:a:b:c").reveal()).isEqualTo("a:b:c");
    }

    @Test
    void empty_legacy_plain_value_is_an_error_not_an_empty_secret() {
        assertThatThrownBy(() -> cipher.decrypt("plain:")).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void encryption_never_writes_plain() {
        assertThat(cipher.encrypt(SecretString.of("plain:x"))).startsWith("gAAAAA").doesNotContain("plain");
    }

    @Test
    void a_fernet_token_holding_an_empty_message_is_not_a_secret() {
        String empty = cipher.encrypt(new byte[0]);

        assertThat(cipher.decryptBytes(empty)).isEmpty();
        assertThatThrownBy(() -> cipher.decrypt(empty)).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void plaintext_that_is_not_utf8_is_rejected() {
        String token = cipher.encrypt(new byte[] {(byte) 0xC3, (byte) 0x28});

        assertThatThrownBy(() -> cipher.decrypt(token)).isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void to_string_reveals_no_key() {
        assertThat(cipher.toString()).doesNotContain(KEY).contains("1 key");
        assertThat(FernetKeyRing.parse(KEY).toString()).doesNotContain(KEY);
        assertThat(API_KEY.toString()).doesNotContain(API_KEY.reveal());
    }

    @Test
    void iv_source_must_give_sixteen_bytes() {
        FernetSecretCipher broken = new FernetSecretCipher(FernetKeyRing.parse(KEY), Clock.systemUTC(),
                () -> new byte[8]);

        assertThatThrownBy(() -> broken.encrypt(API_KEY)).isInstanceOf(IllegalStateException.class);
    }
}
