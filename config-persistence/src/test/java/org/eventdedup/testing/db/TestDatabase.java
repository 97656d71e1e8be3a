package org.eventdedup.testing.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.persistence.PersistenceModule;

/**
 * A fresh, uniquely named PostgreSQL database for one test class, dropped again on {@link #close()}.
 *
 * <p>The server is the one {@code EVENT_DEDUP_TEST_DATABASE_URL} points at: a JDBC URL of an admin database, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres} (the login needs CREATEDB). Without it one embedded
 * PostgreSQL is started per JVM (that fails as root, with a message saying so). Failsafe passes the variable
 * through, so {@code EVENT_DEDUP_TEST_DATABASE_URL=... mvn verify} is all a developer needs.
 *
 * <p>Most tests use {@link FreshDatabaseExtension}; use this class directly for control over migration:
 *
 * <pre>{@code
 * try (TestDatabase db = TestDatabase.createEmpty()) {     // no tables yet
 *     db.persistence().migrate();
 * }
 * }</pre>
 *
 * <p>Available to other modules through config-persistence's test-jar:
 * {@code <artifactId>config-persistence</artifactId><type>test-jar</type><scope>test</scope>}.
 */
public final class TestDatabase implements AutoCloseable {

    private final DatabaseSettings admin;
    private final String name;
    private final DatabaseSettings settings;
    private final PersistenceModule persistence;

    private TestDatabase(DatabaseSettings admin, String name) {
        this.admin = admin;
        this.name = name;
        this.settings = admin.withDatabase(name);
        this.persistence = PersistenceModule.connect(settings);
    }

    /** A new database with every Flyway migration applied. */
    public static TestDatabase create() {
        TestDatabase db = createEmpty();
        try {
            db.persistence.migrate();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** A new database without any table (for migration and readiness tests). */
    public static TestDatabase createEmpty() {
        DatabaseSettings admin = TestDatabaseServer.admin();
        String name = "event_dedup_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        // template0 and an explicit encoding: template1 may carry local objects or another encoding.
        execute(admin, "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        return new TestDatabase(admin, name);
    }

    public String name() {
        return name;
    }

    /** Login on this database. */
    public DatabaseSettings settings() {
        return settings;
    }

    /** Connected to this database; closed by {@link #close()}. */
    public PersistenceModule persistence() {
        return persistence;
    }

    /** Closes the pool and drops the database, ending any connection a test left open. */
    @Override
    public void close() {
        try {
            persistence.close();
        } finally {
            execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + " on " + admin.jdbcUrl() + "]";
    }

    private static void execute(DatabaseSettings admin, String sql) {
        Properties login = new Properties();
        if (admin.user() != null) {
            login.setProperty("user", admin.user());
        }
        if (admin.password() != null) {
            login.setProperty("password", admin.password());
        }
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), login);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database server " + admin.jdbcUrl() + ": " + sql + " failed: "
                    + e.getMessage(), e);
        }
    }
}
