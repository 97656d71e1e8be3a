package org.eventdedup.testing.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The fixture the outage tests rely on: stop (fast and immediate), start again on the same port with the data. */
class OwnedPostgresIT {

    @Test
    void stops_and_starts_again_on_the_same_port_keeping_committed_data() throws SQLException {
        Path directory;
        try (OwnedPostgres db = OwnedPostgres.startNew()) {
            directory = dataDirectoryOf(db);
            assertThat(db.isRunning()).isTrue();
            assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres?user=postgres");
            execute(db, "CREATE TABLE kept (n int)");
            execute(db, "INSERT INTO kept VALUES (1)");

            try (Connection open = DriverManager.getConnection(db.jdbcUrl())) {
                db.stop();
                assertThat(db.isRunning()).isFalse();
                assertThatThrownBy(() -> query(open, "SELECT 1")).as("fast stop ends open sessions")
                        .isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl())).as("nothing listens while stopped")
                    .isInstanceOf(SQLException.class);

            db.start();
            execute(db, "INSERT INTO kept VALUES (2)");
            try (Connection open = DriverManager.getConnection(db.jdbcUrl())) {
                db.stopImmediately();
                assertThatThrownBy(() -> query(open, "SELECT 1")).as("an immediate stop cuts sessions off")
                        .isInstanceOf(SQLException.class);
            }

            db.start();
            try (Connection connection = DriverManager.getConnection(db.jdbcUrl())) {
                assertThat(query(connection, "SELECT sum(n) FROM kept")).as("committed rows survive both stops")
                        .isEqualTo(3);
            }
        }
        assertThat(Files.exists(directory)).as("close removes the directory").isFalse();
    }

    @Test
    void runs_durable_so_a_crash_keeps_every_acknowledged_commit() throws SQLException {
        try (OwnedPostgres db = OwnedPostgres.startNew();
             Connection connection = DriverManager.getConnection(db.jdbcUrl())) {
            assertThat(show(connection, "fsync")).isEqualTo("on");
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(show(connection, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void two_owned_servers_do_not_share_a_port() {
        try (OwnedPostgres one = OwnedPostgres.startNew(); OwnedPostgres two = OwnedPostgres.startNew()) {
            assertThat(one.port()).isNotEqualTo(two.port());
            two.stop();
            assertThat(one.isRunning()).isTrue();
            execute(one, "SELECT 1");
        }
    }

    private static Path dataDirectoryOf(OwnedPostgres db) {
        String text = db.toString();
        return Path.of(text.substring(text.indexOf(" in ") + 4, text.length() - 1));
    }

    private static void execute(OwnedPostgres db, String sql) {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
