package org.eventdedup.app;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.eventdedup.benchmarks.BenchmarkHost;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.service.ConfigService;

/**
 * A database of a benchmark's own on the server of {@code EVENT_DEDUP_DATABASE_URL}, created by {@link #create} and
 * dropped (with its connections) on {@link #close()}: benchmarks never touch the operator's data.
 */
final class BenchmarkDatabase implements BenchmarkHost.ScratchDatabase {
    private final DatabaseSettings server;
    private final String name;
    private final AppSettings settings;

    private BenchmarkDatabase(DatabaseSettings server, String name, AppSettings settings) {
        this.server = server;
        this.name = name;
        this.settings = settings;
    }

    /**
     * @param purpose  a lower-case word naming the benchmark, part of the database name
     * @param settings the product's settings, for the application started on this database
     */
    static BenchmarkDatabase create(DatabaseSettings server, String purpose, AppSettings settings) {
        if (!purpose.matches("[a-z]+")) {
            throw new IllegalArgumentException("purpose must be lower-case letters: " + purpose);
        }
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        String name = "event_dedup_bench_" + purpose + "_" + HexFormat.of().formatHex(suffix);
        execute(server, "CREATE DATABASE " + name);
        return new BenchmarkDatabase(server, name, settings);
    }

    /** Connection settings of the scratch database. */
    DatabaseSettings database() {
        return server.withDatabase(name);
    }

    @Override
    public BenchmarkHost.Worker openWorker(Path configFile, Path lexiconDir) {
        return BenchmarkWorker.open(database(), configFile, lexiconDir);
    }

    @Override
    public BenchmarkHost.RunningApplication startApplication() {
        SecretString adminPassword = Passwords.generate();
        AppSettings scratch = settings.withDatabase(database())
                .withEncryptionKey(SecretString.of(FernetKey.generate())).withAdminPassword(adminPassword);
        Application application = Application.openExternal(scratch);
        try {
            application.startHttp(0);
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        URI uri = URI.create("http://127.0.0.1:" + application.httpPort());
        String authorization = "Basic " + Base64.getEncoder().encodeToString(
                (scratch.adminUser() + ":" + adminPassword.reveal()).getBytes(StandardCharsets.UTF_8));
        return new BenchmarkHost.RunningApplication() {
            @Override
            public URI uri() {
                return uri;
            }

            @Override
            public String adminAuthorization() {
                return authorization;
            }

            @Override
            public ConfigService configService() {
                return application.configService();
            }

            @Override
            public void close() {
                application.close();
            }
        };
    }

    @Override
    public void pointChildAt(Map<String, String> environment) {
        DatabaseSettings database = database();
        environment.put(DatabaseSettings.URL_VARIABLE, database.jdbcUrl());
        putOrRemove(environment, DatabaseSettings.USER_VARIABLE, database.user());
        putOrRemove(environment, DatabaseSettings.PASSWORD_VARIABLE, database.password());
    }

    private static void putOrRemove(Map<String, String> environment, String key, String value) {
        if (value == null) {
            environment.remove(key);
        } else {
            environment.put(key, value);
        }
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
