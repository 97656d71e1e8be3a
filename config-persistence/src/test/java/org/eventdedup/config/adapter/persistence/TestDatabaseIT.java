package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.eventdedup.testing.db.TestDatabase;
import org.junit.jupiter.api.Test;

/** The shared test support other modules rely on: a fresh migrated database, gone afterwards. */
class TestDatabaseIT {

    @Test
    void creates_a_fresh_migrated_database_and_drops_it_even_with_connections_open() throws SQLException {
        String name;
        DatabaseSettings settings;
        try (TestDatabase db = TestDatabase.create(); TestDatabase other = TestDatabase.create()) {
            name = db.name();
            settings = db.settings();
            assertThat(other.name()).isNotEqualTo(name);
            assertThat(db.persistence().isReady()).isTrue();
            assertThat(db.persistence().configRepository().load()).isEmpty();
            // a connection a test forgot to close must not block the drop
            Connection leaked = connect(settings);
            assertThat(leaked.isValid(1)).isTrue();
        }

        try (Connection admin = connect(settings.withDatabase("postgres"));
             ResultSet rs = admin.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    private static Connection connect(DatabaseSettings settings) throws SQLException {
        Properties login = new Properties();
        if (settings.user() != null) {
            login.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            login.setProperty("password", settings.password());
        }
        return DriverManager.getConnection(settings.jdbcUrl(), login);
    }
}
