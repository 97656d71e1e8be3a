package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AppSettingsTest {

    @Test
    void an_empty_environment_gives_the_documented_defaults() {
        AppSettings settings = AppSettings.fromEnvironment(Map.of());

        assertThat(settings.database()).isEmpty();
        assertThat(settings.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(settings.eventDataDir()).isEqualTo(Path.of("./eventdata"));
        assertThat(settings.deadLetterDir()).isEqualTo(Path.of("./dead_letters"));
        assertThat(settings.matchingConfigPath()).isEqualTo(Path.of("config/matching.yaml"));
        assertThat(settings.geminiApiKey()).isEmpty();
        assertThat(settings.geminiBaseUrl()).isEqualTo(URI.create("https://generativelanguage.googleapis.com/"));
        assertThat(settings.encryptionKey()).isEmpty();
        assertThat(settings.encryptionKeyFile()).isEqualTo(Path.of("./data/encryption.key"));
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.adminUser()).isEqualTo("admin");
        assertThat(settings.adminPassword()).isEmpty();
        assertThat(settings.sessionIdle()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(settings.sessionMax()).isEqualTo(java.time.Duration.ofHours(12));
        assertThat(settings.logJson()).isFalse();
        assertThat(settings.logLevel()).isEqualTo(AppSettings.LogLevel.INFO);
        assertThat(settings.workerMaxFilesPerRun()).isEqualTo(200);
        assertThat(settings.unknownVariables()).isEmpty();
    }

    @Test
    void every_variable_is_read() {
        String key = FernetKey.generate();
        AppSettings settings = AppSettings.fromEnvironment(Map.ofEntries(
                Map.entry("EVENT_DEDUP_DATABASE_URL", "postgresql://app:pw@db.example:6543/dedup"),
                Map.entry("EVENT_DEDUP_DATA_DIR", "/var/lib/event-dedup"),
                Map.entry("EVENT_DEDUP_EVENT_DATA_DIR", "/in"),
                Map.entry("EVENT_DEDUP_DEAD_LETTER_DIR", "/dead"),
                Map.entry("EVENT_DEDUP_MATCHING_CONFIG_PATH", "/etc/event-dedup/matching.yaml"),
                Map.entry("EVENT_DEDUP_GEMINI_API_KEY", "gemini-key"),
                Map.entry("EVENT_DEDUP_GEMINI_BASE_URL", "http://localhost:9999/"),
                Map.entry("EVENT_DEDUP_ENCRYPTION_KEY", key),
                Map.entry("EVENT_DEDUP_HTTP_PORT", "9090"),
                Map.entry("EVENT_DEDUP_ADMIN_USER", "operator"),
                Map.entry("EVENT_DEDUP_ADMIN_PASSWORD", "hunter2-hunter2"),
                Map.entry("EVENT_DEDUP_SESSION_IDLE_MINUTES", "15"),
                Map.entry("EVENT_DEDUP_SESSION_MAX_HOURS", "8"),
                Map.entry("EVENT_DEDUP_LOG_JSON", "TRUE"),
                Map.entry("EVENT_DEDUP_LOG_LEVEL", "debug"),
                Map.entry("EVENT_DEDUP_WORKER_MAX_FILES_PER_RUN", "5")));

        assertThat(settings.database()).hasValueSatisfying(db -> {
            assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/dedup");
            assertThat(db.user()).isEqualTo("app");
            assertThat(db.password()).isEqualTo("pw");
        });
        assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/event-dedup"));
        assertThat(settings.encryptionKeyFile()).isEqualTo(Path.of("/var/lib/event-dedup/encryption.key"));
        assertThat(settings.eventDataDir()).isEqualTo(Path.of("/in"));
        assertThat(settings.deadLetterDir()).isEqualTo(Path.of("/dead"));
        assertThat(settings.matchingConfigPath()).isEqualTo(Path.of("/etc/event-dedup/matching.yaml"));
        assertThat(settings.geminiApiKey()).hasValueSatisfying(k -> assertThat(k.reveal()).isEqualTo("gemini-key"));
        assertThat(settings.geminiBaseUrl()).isEqualTo(URI.create("http://localhost:9999/"));
        assertThat(settings.encryptionKey()).hasValueSatisfying(k -> assertThat(k.reveal()).isEqualTo(key));
        assertThat(settings.httpPort()).isEqualTo(9090);
        assertThat(settings.adminUser()).isEqualTo("operator");
        assertThat(settings.adminPassword()).hasValueSatisfying(p -> assertThat(p.reveal()).isEqualTo("hunter2-hunter2"));
        assertThat(settings.sessionIdle()).isEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(settings.sessionMax()).isEqualTo(java.time.Duration.ofHours(8));
        assertThat(settings.logJson()).isTrue();
        assertThat(settings.logLevel()).isEqualTo(AppSettings.LogLevel.DEBUG);
        assertThat(settings.workerMaxFilesPerRun()).isEqualTo(5);
        assertThat(settings.unknownVariables()).isEmpty();
    }

    @Test
    void the_key_file_can_be_placed_apart_from_the_data_dir() {
        AppSettings settings = AppSettings.fromEnvironment(Map.of(
                "EVENT_DEDUP_DATA_DIR", "/data", "EVENT_DEDUP_ENCRYPTION_KEY_FILE", "/secrets/fernet.key"));

        assertThat(settings.encryptionKeyFile()).isEqualTo(Path.of("/secrets/fernet.key"));
    }

    @Test
    void blank_values_count_as_unset() {
        AppSettings settings = AppSettings.fromEnvironment(Map.of(
                "EVENT_DEDUP_DATABASE_URL", "", "EVENT_DEDUP_HTTP_PORT", "  ", "EVENT_DEDUP_ENCRYPTION_KEY", ""));

        assertThat(settings.database()).isEmpty();
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.encryptionKey()).isEmpty();
    }

    @Test
    void misspelt_variables_are_reported_and_other_programs_variables_ignored() {
        AppSettings settings = AppSettings.fromEnvironment(Map.of(
                "EVENT_DEDUP_HTTP_PROT", "9000", "PATH", "/usr/bin", "EVENT_DEDUP_TEST_DATABASE_URL", "jdbc:x"));

        assertThat(settings.unknownVariables()).containsExactly("EVENT_DEDUP_HTTP_PROT");
    }

    @Test
    void port_zero_means_any_free_port() {
        assertThat(AppSettings.fromEnvironment(Map.of("EVENT_DEDUP_HTTP_PORT", "0")).httpPort()).isZero();
    }

    static Stream<Arguments> bad_values() {
        return Stream.of(
                Arguments.of("EVENT_DEDUP_HTTP_PORT", "abc", "between 0 and 65535"),
                Arguments.of("EVENT_DEDUP_HTTP_PORT", "70000", "between 0 and 65535"),
                Arguments.of("EVENT_DEDUP_HTTP_PORT", "-1", "between 0 and 65535"),
                Arguments.of("EVENT_DEDUP_HTTP_PORT", "80.5", "between 0 and 65535"),
                Arguments.of("EVENT_DEDUP_DATABASE_URL", "mysql://db/x", "unsupported scheme"),
                Arguments.of("EVENT_DEDUP_DATABASE_URL", "postgresql://db.example:99999/x", "invalid port"),
                Arguments.of("EVENT_DEDUP_DATABASE_URL", "jdbc:postgresql://db.example:5432", "no database name"),
                Arguments.of("EVENT_DEDUP_ENCRYPTION_KEY", "not-a-fernet-key", "key 1 of 1"),
                Arguments.of("EVENT_DEDUP_ENCRYPTION_KEY", FernetKey.generate() + ",tooshort", "key 2 of 2"),
                Arguments.of("EVENT_DEDUP_LOG_LEVEL", "LOUD", "TRACE, DEBUG, INFO, WARN, ERROR"),
                Arguments.of("EVENT_DEDUP_LOG_JSON", "yes", "true or false"),
                Arguments.of("EVENT_DEDUP_WORKER_MAX_FILES_PER_RUN", "0", "from 1 to 10000"),
                Arguments.of("EVENT_DEDUP_WORKER_MAX_FILES_PER_RUN", "many", "from 1 to 10000"),
                Arguments.of("EVENT_DEDUP_GEMINI_BASE_URL", "ftp://proxy/", "http(s) URL"),
                Arguments.of("EVENT_DEDUP_GEMINI_BASE_URL", "http://bad host/", "not a valid URL"),
                Arguments.of("EVENT_DEDUP_DATA_DIR", "data\0dir", "not a valid path"),
                Arguments.of("EVENT_DEDUP_SESSION_IDLE_MINUTES", "0", "whole number of minutes from 1 to 1440, got 0"),
                Arguments.of("EVENT_DEDUP_SESSION_IDLE_MINUTES", "1441", "from 1 to 1440, got 1441"),
                Arguments.of("EVENT_DEDUP_SESSION_IDLE_MINUTES", "30m", "minutes from 1 to 1440, got \"30m\""),
                Arguments.of("EVENT_DEDUP_SESSION_IDLE_MINUTES", "721", "must not exceed EVENT_DEDUP_SESSION_MAX_HOURS"),
                Arguments.of("EVENT_DEDUP_SESSION_MAX_HOURS", "-3", "whole number of hours from 1 to 720, got -3"),
                Arguments.of("EVENT_DEDUP_SESSION_MAX_HOURS", "1.5", "got \"1.5\""),
                Arguments.of("EVENT_DEDUP_SESSION_MAX_HOURS", "99999999999", "from 1 to 720"),
                Arguments.of("EVENT_DEDUP_ADMIN_USER", "ad min", "must be 1 to 64 letters, digits or . _ @ -"),
                Arguments.of("EVENT_DEDUP_ADMIN_USER", "a:b", "must be 1 to 64 letters"),
                Arguments.of("EVENT_DEDUP_ADMIN_PASSWORD", "short", "must be 8 to 1024 characters, got 5"));
    }

    @Test
    void a_short_admin_password_is_not_echoed() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("EVENT_DEDUP_ADMIN_PASSWORD", "sEcr3t")))
                .isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sEcr3t"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("bad_values")
    void a_bad_value_is_a_usage_error_naming_the_variable(String variable, String value, String reason) {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith(variable)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void a_bad_encryption_key_is_not_echoed() {
        String almostAKey = FernetKey.generate().substring(0, 40);

        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("EVENT_DEDUP_ENCRYPTION_KEY", almostAKey)))
                .isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(almostAKey));
    }

    @Test
    void a_bad_database_url_never_echoes_the_password() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of(
                "EVENT_DEDUP_DATABASE_URL", "postgresql://app:s3cret%zz@db.example:5432/dedup")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("EVENT_DEDUP_DATABASE_URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of(
                "EVENT_DEDUP_DATABASE_URL", "postgresql://app:s3cret@db.example:0/dedup")))
                .isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void secrets_do_not_appear_in_to_string() {
        String key = FernetKey.generate();
        AppSettings settings = AppSettings.fromEnvironment(Map.of(
                "EVENT_DEDUP_DATABASE_URL", "postgresql://app:dbsecret@db.example/dedup",
                "EVENT_DEDUP_GEMINI_API_KEY", "geminisecret",
                "EVENT_DEDUP_ENCRYPTION_KEY", key,
                "EVENT_DEDUP_ADMIN_PASSWORD", "adminsecret"));

        assertThat(settings.toString()).doesNotContain("dbsecret", "geminisecret", key, "adminsecret");
    }
}
