package org.eventdedup.config.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.config.adapter.secret.FernetKeyRing;
import org.eventdedup.config.adapter.secret.FernetSecretCipher;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP API over the real repository and Fernet cipher on PostgreSQL: what reaches the tables. */
@ExtendWith(FreshDatabaseExtension.class)
class ConfigHttpServerIT {
    private static final List<String> KEY_MARKERS = List.of("set", "replaced", "cleared");

    private final PersistenceModule persistence;
    private final DataSource dataSource;
    private final FernetSecretCipher cipher = new FernetSecretCipher(FernetKeyRing.parse(FernetKey.generate()));
    private TestServer server;

    ConfigHttpServerIT(PersistenceModule persistence) {
        this.persistence = persistence;
        this.dataSource = persistence.dataSource();
    }

    @BeforeEach
    void start() throws SQLException {
        execute("DELETE FROM config_history");
        execute("DELETE FROM config_settings");
        server = TestServer.over(new ConfigService(persistence.configRepository(), cipher, null, null,
                Clock.systemUTC()), persistence::isReady);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_key_sent_with_patch_is_stored_only_as_a_fernet_token() throws SQLException {
        String key = TestServer.key("fernet-1");

        HttpResult r = server.patch("{\"ai_api_key\":\"" + key + "\",\"thresholds\":{\"high\":0.8}}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("has_api_key", true).containsEntry("api_key_source", "database");
        Map<String, String> row = settingsRow();
        assertThat(row.get("encrypted_api_key")).startsWith("gAAAAA").doesNotContain(key);
        assertThat(cipher.decrypt(row.get("encrypted_api_key")).reveal()).isEqualTo(key);
        assertThat(row.get("config_json")).doesNotContain(key).doesNotContain(TestServer.SECRET_MARK)
                .contains("\"high\": 0.8");
        assertThat(allHistoryText()).doesNotContain(TestServer.SECRET_MARK);
    }

    @Test
    void replacing_and_clearing_the_key_shows_in_history_only_as_markers() throws SQLException {
        server.patch("{\"ai_api_key\":\"" + TestServer.key("first") + "\"}");
        assertThat(server.putJson("/api/config/ai-key", "{\"api_key\":\"" + TestServer.key("second") + "\"}")
                .status()).isEqualTo(204);
        assertThat(cipher.decrypt(settingsRow().get("encrypted_api_key")).reveal())
                .isEqualTo(TestServer.key("second"));

        assertThat(server.patch("{\"ai_api_key\":\"\"}").json()).containsEntry("has_api_key", false);

        assertThat(settingsRow().get("encrypted_api_key")).isNull();
        // version 0, the shipped configuration, ends the list; the saves hold only the key markers
        List<Map<String, Object>> history = server.get("/api/config/history?limit=3").jsonList();
        assertThat(history).extracting(e -> e.get("version")).containsExactly(3, 2, 1);
        for (Map<String, Object> entry : history) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> changes = (List<Map<String, Object>>) entry.get("changes");
            assertThat(changes).singleElement().satisfies(change -> {
                assertThat(change.get("path")).isEqualTo("/ai_api_key");
                assertThat(change.get("new")).isIn(KEY_MARKERS.toArray());
                assertThat(change.get("old")).satisfiesAnyOf(o -> assertThat(o).isNull(),
                        o -> assertThat(o).isIn(KEY_MARKERS.toArray()));
            });
        }
        assertThat(history).extracting(e -> ((List<Map<String, Object>>) e.get("changes")).get(0).get("new"))
                .containsExactly("cleared", "replaced", "set");
        assertThat(allHistoryText()).doesNotContain(TestServer.SECRET_MARK);
    }

    @Test
    void updated_at_from_a_get_round_trips_through_the_database() {
        server.patch("{\"thresholds\":{\"high\":0.8}}");
        String updatedAt = (String) server.get("/api/config").json().get("updated_at");

        HttpResult ok = server.patch("{\"updated_at\":\"" + updatedAt + "\",\"thresholds\":{\"low\":0.3}}");
        HttpResult stale = server.patch("{\"updated_at\":\"" + updatedAt + "\",\"thresholds\":{\"low\":0.31}}");

        assertThat(updatedAt).endsWith("Z");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json()).containsEntry("current_version", 2);
    }

    @Test
    void rollback_keeps_the_stored_token_and_ready_reports_the_database() throws SQLException {
        server.patch("{\"thresholds\":{\"high\":0.8}}");
        server.patch("{\"thresholds\":{\"high\":0.9},\"ai_api_key\":\"" + TestServer.key("rb") + "\"}");
        String token = settingsRow().get("encrypted_api_key");

        HttpResult r = server.postJson("/api/config/rollback", "{\"version\":1}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("version", 3).containsEntry("has_api_key", true);
        assertThat(r.at("/thresholds/high")).isEqualTo(0.8);
        assertThat(settingsRow().get("encrypted_api_key")).isEqualTo(token);
        assertThat(server.get("/api/config/history/1").at("/thresholds/high")).isEqualTo(0.8);
        assertThat(server.get("/ready").status()).isEqualTo(200);
    }

    // ---- JDBC

    private Map<String, String> settingsRow() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT encrypted_api_key, config_json::text AS config_json"
                     + " FROM config_settings WHERE id = 1")) {
            assertThat(rs.next()).as("config_settings row").isTrue();
            Map<String, String> row = new java.util.HashMap<>();
            row.put("encrypted_api_key", rs.getString("encrypted_api_key"));
            row.put("config_json", rs.getString("config_json"));
            return row;
        }
    }

    /** Every text of every history row, including the stored documents and change lists. */
    private String allHistoryText() throws SQLException {
        List<String> texts = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT config_json::text, changes::text, updated_by FROM config_history")) {
            while (rs.next()) {
                texts.add(rs.getString(1));
                texts.add(rs.getString(2));
                texts.add(rs.getString(3));
            }
        }
        assertThat(texts).isNotEmpty();
        return String.join("\n", texts);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
