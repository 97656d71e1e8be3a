package org.eventdedup.config.adapter.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eventdedup.config.domain.port.out.SecretDecryptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The official vectors of github.com/fernet/spec, stored verbatim under {@code secret/fernet-spec/}. */
class FernetSpecVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}.json is the verbatim spec file")
    @CsvSource({
            "generate, b4b18aec84cb721e72229c147c169eb8f76e47827a58914b7b3ffae644889844",
            "verify,   489184ab9c6965e15aca47993ec5b156f488e70ca780c5634239d5498ec5cf65",
            "invalid,  90909d69cfdc0703c688242652c8edf02830e81ec40adb91875c44109f689fa6"})
    void vector_files_are_the_published_ones(String name, String sha256) throws Exception {
        byte[] bytes = resource(name).readAllBytes();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).isEqualTo(sha256);
    }

    @Test
    void generate_with_fixed_clock_and_iv_produces_the_spec_token() {
        for (JsonNode vector : vectors("generate")) {
            byte[] iv = new byte[16];
            for (int i = 0; i < iv.length; i++) {
                iv[i] = (byte) vector.get("iv").get(i).asInt();
            }
            FernetSecretCipher cipher = new FernetSecretCipher(FernetKeyRing.parse(vector.get("secret").asText()),
                    clockAt(vector.get("now").asText()), iv::clone);

            String token = cipher.encrypt(vector.get("src").asText().getBytes(StandardCharsets.UTF_8));

            assertThat(token).isEqualTo(vector.get("token").asText());
        }
    }

    @Test
    void verify_with_ttl_at_the_given_time_returns_the_source() {
        for (JsonNode vector : vectors("verify")) {
            FernetSecretCipher cipher = cipherFor(vector).withTtl(Duration.ofSeconds(vector.get("ttl_sec").asLong()));

            byte[] plaintext = cipher.decryptBytes(vector.get("token").asText());

            assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(vector.get("src").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDescriptions")
    void every_invalid_vector_is_rejected_with_ttl(String desc) {
        JsonNode vector = invalid(desc);
        FernetSecretCipher cipher = cipherFor(vector).withTtl(Duration.ofSeconds(vector.get("ttl_sec").asLong()));
        String token = vector.get("token").asText();

        assertThatThrownBy(() -> cipher.decryptBytes(token))
                .isInstanceOf(SecretDecryptionException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
        assertThatThrownBy(() -> cipher.decrypt(token)).isInstanceOf(SecretDecryptionException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"far-future TS (unacceptable clock skew)", "expired TTL"})
    void time_based_vectors_decrypt_when_no_ttl_is_set(String desc) {
        JsonNode vector = invalid(desc);

        assertThat(cipherFor(vector).decryptBytes(vector.get("token").asText())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"incorrect mac", "too short", "invalid base64", "payload size not multiple of block size",
            "payload padding error", "incorrect IV (causes padding error)"})
    void structural_vectors_fail_without_ttl_too(String desc) {
        JsonNode vector = invalid(desc);

        assertThatThrownBy(() -> cipherFor(vector).decryptBytes(vector.get("token").asText()))
                .isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void ttl_boundaries_are_inclusive_like_python() {
        JsonNode vector = vectors("verify").get(0);
        String token = vector.get("token").asText();
        FernetKeyRing keys = FernetKeyRing.parse(vector.get("secret").asText());
        long created = 499162800L;

        assertThat(cipherAt(keys, created + 60).withTtl(Duration.ofSeconds(60)).decryptBytes(token)).isNotEmpty();
        assertThatThrownBy(() -> cipherAt(keys, created + 61).withTtl(Duration.ofSeconds(60)).decryptBytes(token))
                .hasMessageContaining("expired");
        assertThat(cipherAt(keys, created - 60).withTtl(Duration.ofSeconds(60)).decryptBytes(token)).isNotEmpty();
        assertThatThrownBy(() -> cipherAt(keys, created - 61).withTtl(Duration.ofSeconds(60)).decryptBytes(token))
                .hasMessageContaining("future");
    }

    static List<String> invalidDescriptions() {
        return StreamSupport.stream(vectors("invalid").spliterator(), false).map(v -> v.get("desc").asText()).toList();
    }

    private static JsonNode invalid(String desc) {
        return StreamSupport.stream(vectors("invalid").spliterator(), false)
                .filter(v -> v.get("desc").asText().equals(desc)).findFirst().orElseThrow();
    }

    private static FernetSecretCipher cipherFor(JsonNode vector) {
        return new FernetSecretCipher(FernetKeyRing.parse(vector.get("secret").asText()),
                clockAt(vector.get("now").asText()), () -> new byte[16]);
    }

    private static FernetSecretCipher cipherAt(FernetKeyRing keys, long epochSecond) {
        return new FernetSecretCipher(keys, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC),
                () -> new byte[16]);
    }

    private static Clock clockAt(String rfc3339) {
        return Clock.fixed(OffsetDateTime.parse(rfc3339).toInstant(), ZoneOffset.UTC);
    }

    private static JsonNode vectors(String name) {
        try (InputStream in = resource(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = FernetSpecVectorsTest.class.getResourceAsStream("/secret/fernet-spec/" + name + ".json");
        if (in == null) {
            throw new IllegalStateException("missing test resource secret/fernet-spec/" + name + ".json");
        }
        return in;
    }
}
