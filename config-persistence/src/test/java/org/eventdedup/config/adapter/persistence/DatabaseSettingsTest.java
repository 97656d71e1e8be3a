package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void keeps_a_jdbc_url_without_credentials_as_is() {
        DatabaseSettings s = DatabaseSettings.parse("jdbc:postgresql://db.example:5433/events?sslmode=require",
                "app", "secret");

        assertThat(s).isEqualTo(new DatabaseSettings("jdbc:postgresql://db.example:5433/events?sslmode=require",
                "app", "secret"));
    }

    @Test
    void moves_credentials_from_jdbc_query_parameters_out_of_the_url() {
        DatabaseSettings s = DatabaseSettings.parse(
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=p%40ss&sslmode=disable", null, null);

        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres?sslmode=disable");
        assertThat(s.user()).isEqualTo("postgres");
        assertThat(s.password()).isEqualTo("p@ss");
    }

    @ParameterizedTest
    @CsvSource({
            "postgresql://app:s3cr%2Ft%3A+x@db.example:6543/events?sslmode=require",
            "postgres://app:s3cr%2Ft%3A+x@db.example:6543/events?sslmode=require",
            "POSTGRESQL://app:s3cr%2Ft%3A+x@db.example:6543/events?sslmode=require"})
    void reads_the_libpq_form_with_percent_encoded_credentials(String url) {
        DatabaseSettings s = DatabaseSettings.parse(url, "ignored", "ignored");

        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/events?sslmode=require");
        assertThat(s.user()).isEqualTo("app");
        assertThat(s.password()).isEqualTo("s3cr/t:+x");
    }

    @Test
    void takes_user_and_password_from_the_fallbacks_when_the_url_has_none() {
        DatabaseSettings s = DatabaseSettings.parse("postgresql://db.example/events", "app", "secret");

        assertThat(s).isEqualTo(new DatabaseSettings("jdbc:postgresql://db.example/events", "app", "secret"));
    }

    @Test
    void takes_only_the_missing_password_from_the_fallback() {
        DatabaseSettings s = DatabaseSettings.parse("postgresql://app@db.example/events", "other", "secret");

        assertThat(s.user()).isEqualTo("app");
        assertThat(s.password()).isEqualTo("secret");
    }

    @Test
    void parses_a_password_holding_unencoded_slash_and_at() {
        DatabaseSettings s = DatabaseSettings.parse("postgresql://app:a/b@c@db.example/events", null, null);

        assertThat(s.password()).isEqualTo("a/b@c");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example/events");
    }

    @Test
    void accepts_ipv6_and_several_hosts() {
        assertThat(DatabaseSettings.parse("postgresql://u@[::1]:5432/db", null, null).jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5432/db");
        assertThat(DatabaseSettings.parse("postgresql://u@h1:5432,h2:5433/db?targetServerType=primary", null, null)
                .jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db?targetServerType=primary");
    }

    @Test
    void reads_the_environment_and_is_empty_without_a_url() {
        assertThat(DatabaseSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(DatabaseSettings.fromEnvironment(Map.of("EVENT_DEDUP_DATABASE_URL", " "))).isEmpty();
        assertThat(DatabaseSettings.fromEnvironment(Map.of(
                "EVENT_DEDUP_DATABASE_URL", "postgresql://db.example/events",
                "EVENT_DEDUP_DATABASE_USER", "app",
                "EVENT_DEDUP_DATABASE_PASSWORD", "secret")))
                .contains(new DatabaseSettings("jdbc:postgresql://db.example/events", "app", "secret"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                                              | is empty",
            "mysql://app:topsecret@db.example/events         | unsupported scheme \"mysql\"",
            "db.example:5432/events                          | unsupported scheme",
            "postgresql://app:topsecret@/events              | has no host",
            "postgresql://app:topsecret@db.example           | has no database name",
            "postgresql://app:topsecret@db.example/          | has no database name",
            "postgresql://app:topsecret@db.example?ssl=true  | has no database name",
            "postgresql://app:topsecret@db.example:99999/x   | invalid port \"99999\"",
            "postgresql://app:topsecret@db.example:abc/x     | invalid port \"abc\"",
            "postgresql://app:topsecret%zz@db.example/x      | invalid percent-encoding in the password",
            "postgresql://app%4:topsecret@db.example/x       | invalid percent-encoding in the user name",
            "jdbc:postgresql://[::1/x?password=topsecret     | IPv6 host without a closing ]"})
    void rejects_an_unusable_url_naming_the_variable_without_echoing_the_password(String url, String problem) {
        assertThatThrownBy(() -> DatabaseSettings.parse(url, null, "fallbacksecret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("EVENT_DEDUP_DATABASE_URL ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("topsecret", "fallbacksecret"));
    }

    @Test
    void rejects_a_null_url() {
        assertThatThrownBy(() -> DatabaseSettings.parse(null, null, null))
                .hasMessageStartingWith("EVENT_DEDUP_DATABASE_URL is empty");
    }

    @Test
    void redacts_the_password_in_to_string() {
        DatabaseSettings s = DatabaseSettings.parse("postgresql://app:topsecret@db.example/events", null, null);

        assertThat(s.toString()).doesNotContain("topsecret").contains("password=***", "user=app",
                "jdbc:postgresql://db.example/events");
        assertThat(new DatabaseSettings("jdbc:postgresql://h/d", null, null).toString()).contains("password=none");
    }

    @Test
    void switches_to_another_database_on_the_same_server() {
        DatabaseSettings admin = DatabaseSettings.parse(
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&sslmode=disable", null, null);

        DatabaseSettings other = admin.withDatabase("event_dedup_test_1");

        assertThat(other).isEqualTo(new DatabaseSettings(
                "jdbc:postgresql://127.0.0.1:5432/event_dedup_test_1?sslmode=disable", "postgres", null));
        assertThatThrownBy(() -> admin.withDatabase("x; DROP TABLE y")).isInstanceOf(IllegalArgumentException.class);
    }
}
