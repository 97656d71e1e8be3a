package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.config.adapter.secret.FernetKeyRing;
import org.eventdedup.config.adapter.secret.FernetSecretCipher;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.port.out.SecretDecryptionException;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code rotate-key} through the launcher on a fresh database: a key stored with the old key moves to the new. */
@ExtendWith(FreshDatabaseExtension.class)
class RotateKeyIT {

    private static final String API_KEY = "AIza-rotate-key-it";

    @Test
    void rotate_key_re_encrypts_the_stored_api_key_with_the_first_key(DatabaseSettings database, Jdbi jdbi) {
        String oldKey = FernetKey.generate();
        String newKey = FernetKey.generate();
        try (Application application = Application.openExternal(settings(database, oldKey))) {
            application.configService().update(new UpdateConfigCommand(Map.of(),
                    new ApiKeyChange.Set(SecretString.of(API_KEY)), Precondition.NONE, "rotate-key-it"));
        }
        String before = storedToken(jdbi);
        assertThat(decrypt(before, oldKey)).isEqualTo(API_KEY);

        Run rotated = launch(database, newKey + "," + oldKey);

        assertThat(rotated.exitCode()).isZero();
        assertThat(rotated.out()).contains("Re-encrypted");
        String after = storedToken(jdbi);
        assertThat(after).isNotEqualTo(before).doesNotContain(API_KEY);
        assertThat(decrypt(after, newKey)).isEqualTo(API_KEY);
        assertThatThrownBy(() -> decrypt(after, oldKey)).isInstanceOf(SecretDecryptionException.class);

        Run again = launch(database, newKey + "," + oldKey);

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already encrypted with the first key");
        assertThat(storedToken(jdbi)).isEqualTo(after);
    }

    private static AppSettings settings(DatabaseSettings database, String keys) {
        return AppSettings.fromEnvironment(Map.of(
                "EVENT_DEDUP_MATCHING_CONFIG_PATH", ApplicationIT.SHIPPED_YAML.toString(),
                "EVENT_DEDUP_ENCRYPTION_KEY", keys)).withDatabase(database);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run launch(DatabaseSettings database, String keys) {
        Map<String, String> env = new HashMap<>();
        env.put("EVENT_DEDUP_DATABASE_URL", database.jdbcUrl());
        if (database.user() != null) {
            env.put("EVENT_DEDUP_DATABASE_USER", database.user());
        }
        if (database.password() != null) {
            env.put("EVENT_DEDUP_DATABASE_PASSWORD", database.password());
        }
        env.put("EVENT_DEDUP_ENCRYPTION_KEY", keys);
        env.put("EVENT_DEDUP_MATCHING_CONFIG_PATH", ApplicationIT.SHIPPED_YAML.toString());
        env.put("EVENT_DEDUP_LOG_LEVEL", "WARN");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run("rotate-key");
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String storedToken(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT encrypted_api_key FROM config_settings WHERE id = 1")
                .mapTo(String.class).one());
    }

    private static String decrypt(String token, String keys) {
        return new FernetSecretCipher(FernetKeyRing.parse(keys)).decrypt(token).reveal();
    }
}
