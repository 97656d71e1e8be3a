package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As root (CI) PostgreSQL refuses to run, so the refusal must come first, fast and with a usable message; as a normal
 * user the embedded server really starts, and keeps its data across a restart.
 */
class EmbeddedDatabaseTest {

    @Test
    void refuses_root_before_touching_the_data_directory_and_otherwise_keeps_data_across_restarts(
            @TempDir Path dataDir) throws Exception {
        if (EmbeddedDatabase.effectiveUid().orElse(-1) != 0) {
            startsAndKeepsData(dataDir);
            return;
        }
        assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir))
                .isInstanceOfSatisfying(EmbeddedDatabaseUnavailableException.class, e -> assertThat(e.reason())
                        .isEqualTo(EmbeddedDatabaseUnavailableException.Reason.RUNNING_AS_ROOT))
                .hasMessageContaining("root")
                .hasMessageContaining("EVENT_DEDUP_DATABASE_URL")
                .hasMessageContaining("normal user")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
    }

    private static void startsAndKeepsData(Path dataDir) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir);
             java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.settings().user(),
                     db.settings().password());
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v int)");
            s.execute("INSERT INTO kept VALUES (42)");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir);
             java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.settings().user(),
                     db.settings().password());
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void reads_the_effective_uid_from_proc_status() {
        List<String> status = List.of("Name:\tjava", "Umask:\t0022", "Uid:\t1000\t0\t0\t0", "Gid:\t1000\t1000");

        assertThat(EmbeddedDatabase.effectiveUid(status)).isEqualTo(OptionalLong.of(0));
        assertThat(EmbeddedDatabase.effectiveUid(List.of("Name:\tjava"))).isEmpty();
    }

    @Test
    void knows_this_process_uid_on_linux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")));

        assertThat(EmbeddedDatabase.effectiveUid()).isPresent();
    }
}
