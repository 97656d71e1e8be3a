package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default installation keeps what it committed: {@code serve} with its embedded PostgreSQL (no database URL)
 * runs with fsync, synchronous_commit and full_page_writes on, and a saved config change survives SIGKILL of the
 * whole process tree — the JVM, the postmaster and its backends — followed by a new start on the same data.
 */
class EmbeddedDurabilityIT {

    @TempDir
    Path work;

    @Test
    void the_embedded_server_is_durable_and_a_committed_change_survives_killing_every_process() throws Exception {
        Path home = ServeProcess.home(work);
        try (ServeProcess first = ServeProcess.start(home, "first.log")) {
            assertThat(settings(first.embeddedPort())).as("SHOW on the running embedded server of serve")
                    .isEqualTo(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));

            HttpResponse<String> config = first.get("/api/config");
            assertThat(config.statusCode()).isEqualTo(200);
            HttpResponse<String> saved = first.patchConfig("{\"thresholds\": {\"high\": 0.81}}",
                    config.headers().firstValue("ETag").orElseThrow());
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

            first.killEverything();
            assertThat(first.log()).as("killed, not stopped").doesNotContain("Shutdown: HTTP server stopped");
        }

        try (ServeProcess second = ServeProcess.start(home, "second.log")) {
            JsonNode config = new ObjectMapper().readTree(second.get("/api/config").body());
            assertThat(config.at("/thresholds/high").doubleValue()).isEqualTo(0.81);
            assertThat(config.at("/version").longValue()).isEqualTo(1);
        }
    }

    private static Map<String, String> settings(int port) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", null); Statement s = c.createStatement()) {
            for (String name : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    values.put(name, rs.getString(1));
                }
            }
        }
        return values;
    }
}
