package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The V1 schema itself, on the real Flyway scripts. */
@ExtendWith(FreshDatabaseExtension.class)
class ConfigSchemaIT {

    private final Jdbi jdbi;

    ConfigSchemaIT(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @BeforeEach
    void empty_tables() {
        jdbi.useHandle(h -> h.execute("TRUNCATE config_settings, config_history"));
    }

    @Test
    void allows_only_the_one_row_with_id_1() {
        insertSettingsRow(1);

        assertThatThrownBy(() -> insertSettingsRow(2))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("config_settings_id_check");
        assertThatThrownBy(() -> insertSettingsRow(1))
                .hasMessageContaining("config_settings_pkey");
        assertThat(count("SELECT count(*) FROM config_settings")).isEqualTo(1);
    }

    @Test
    void refuses_a_version_below_1_and_a_document_that_is_not_an_object() {
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("INSERT INTO config_settings "
                + "(id, config_json, version, updated_at, updated_by) VALUES (1, '{}', 0, now(), 't')")))
                .hasMessageContaining("config_settings_version_check");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("INSERT INTO config_history "
                + "(version, config_json, changes, updated_at, updated_by) VALUES (1, '[]', '[]', now(), 't')")))
                .hasMessageContaining("config_history_config_json_check");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("INSERT INTO config_history "
                + "(version, config_json, changes, updated_at, updated_by) VALUES (1, '{}', '{}', now(), 't')")))
                .hasMessageContaining("config_history_changes_check");
    }

    @Test
    void has_the_columns_of_the_contract_with_byte_order_text() {
        List<Map<String, Object>> columns = jdbi.withHandle(h -> h.createQuery("""
                        SELECT table_name, column_name, data_type, is_nullable, collation_name
                          FROM information_schema.columns
                         WHERE table_name IN ('config_settings', 'config_history')
                         ORDER BY table_name, ordinal_position""").mapToMap().list());

        assertThat(columns).extracting(c -> c.get("table_name") + "." + c.get("column_name") + " "
                        + c.get("data_type") + (("YES".equals(c.get("is_nullable"))) ? " NULL" : "")
                        + (c.get("collation_name") != null ? " COLLATE " + c.get("collation_name") : ""))
                .containsExactly(
                        "config_history.version bigint",
                        "config_history.config_json jsonb",
                        "config_history.changes jsonb",
                        "config_history.updated_at timestamp with time zone",
                        "config_history.updated_by text COLLATE C",
                        "config_settings.id integer",
                        "config_settings.config_json jsonb",
                        "config_settings.encrypted_api_key text NULL COLLATE C",
                        "config_settings.version bigint",
                        "config_settings.updated_at timestamp with time zone",
                        "config_settings.updated_by text COLLATE C");
    }

    @Test
    void migrating_again_changes_nothing(PersistenceModule persistence) {
        persistence.migrate();

        // V1 schema, V2 change-notification triggers, V3 operators, V15 audit log: each applied once
        assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'config_settings_notify%'")).isEqualTo(2);
    }

    private void insertSettingsRow(int id) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO config_settings (id, config_json, version, updated_at, "
                + "updated_by) VALUES (:id, '{}', 1, now(), 'test')").bind("id", id).execute());
    }

    private int count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
