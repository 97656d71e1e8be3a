package org.eventdedup.app.bench;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;

/**
 * A database of a benchmark's own on the server of {@code EVENT_DEDUP_DATABASE_URL}, created by {@link #create} and
 * dropped (with its connections) on {@link #close()}: benchmarks never touch the operator's data.
 */
public final class ScratchDatabase implements AutoCloseable {
    private final DatabaseSettings server;
    private final String name;

    private ScratchDatabase(DatabaseSettings server, String name) {
        this.server = server;
        this.name = name;
    }

    /**
     * The server of {@code EVENT_DEDUP_DATABASE_URL} that a benchmark creates its scratch database on, or empty after
     * telling the user why not (the command then exits 2).
     */
    public static Optional<DatabaseSettings> server(String command, Map<String, String> environment,
                                                    PrintStream err) {
        Optional<DatabaseSettings> server;
        try {
            server = DatabaseSettings.fromEnvironment(environment);
        } catch (RuntimeException e) {
            err.println("event-dedup: " + command + ": " + e.getMessage());
            return Optional.empty();
        }
        if (server.isEmpty()) {
            err.println("event-dedup: " + command + " needs " + DatabaseSettings.URL_VARIABLE
                    + " (it creates and drops a scratch database there)");
        }
        return server;
    }

    /** @param purpose a lower-case word naming the benchmark, part of the database name */
    public static ScratchDatabase create(DatabaseSettings server, String purpose) {
        if (!purpose.matches("[a-z]+")) {
            throw new IllegalArgumentException("purpose must be lower-case letters: " + purpose);
        }
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        String name = "event_dedup_bench_" + purpose + "_" + HexFormat.of().formatHex(suffix);
        execute(server, "CREATE DATABASE " + name);
        return new ScratchDatabase(server, name);
    }

    /** Connection settings of the scratch database. */
    public DatabaseSettings settings() {
        return server.withDatabase(name);
    }

    @Override
    public void close() {
        execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(DatabaseSettings server, String sql) {
        Properties properties = new Properties();
        if (server.user() != null) {
            properties.setProperty("user", server.user());
        }
        if (server.password() != null) {
            properties.setProperty("password", server.password());
        }
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }
}
