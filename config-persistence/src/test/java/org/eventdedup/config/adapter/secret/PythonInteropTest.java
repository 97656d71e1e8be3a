package org.eventdedup.config.adapter.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Tokens written by Python {@code cryptography} 48 (the earlier service's library), recorded once in
 * {@code secret/python-fernet-tokens.json}: what the old service stored must stay readable.
 */
class PythonInteropTest {

    @Test
    void decrypts_tokens_made_by_python_cryptography() throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/secret/python-fernet-tokens.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        FernetSecretCipher cipher = new FernetSecretCipher(FernetKeyRing.parse(fixture.get("key").asText()));

        assertThat(fixture.get("tokens")).hasSizeGreaterThanOrEqualTo(4);
        for (JsonNode entry : fixture.get("tokens")) {
            String token = entry.get("token").asText();
            assertThat(cipher.decrypt(token).reveal()).isEqualTo(entry.get("plaintext").asText());
            assertThat(cipher.needsReencryption(token)).isFalse();
        }
    }
}
