package org.eventdedup.config.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.eventdedup.config.domain.port.in.ReadAuditLogUseCase;
import org.eventdedup.config.domain.port.out.ConfigRepository;
import org.eventdedup.config.domain.port.out.OperatorRepository;
import org.eventdedup.config.domain.port.out.SessionRepository;
import org.eventdedup.config.domain.port.out.StoreUnavailableException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleCallbackDecorator;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistence module's one entry point: a connection pool on one PostgreSQL database, its Flyway migrations and
 * the repositories on top. Created once by the composition root and closed on shutdown.
 *
 * <pre>{@code
 * try (PersistenceModule persistence = PersistenceModule.connect(settings)) {
 *     persistence.migrate();
 *     ConfigRepository configs = persistence.configRepository();
 * }
 * }</pre>
 *
 * <p>{@link #connect} does not wait for the database: a server that starts later (or restarts) is picked up by the
 * pool, and {@link #isReady()} reports it meanwhile.
 */
public final class PersistenceModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceModule.class);

    static final int MAX_POOL_SIZE = 10;
    /**
     * How long a caller waits for a connection before {@link StoreUnavailableException}: while the database is down
     * every request waits this long, so it is short (API clients get their 503 well within their own timeouts).
     */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** Readiness probes (Kubernetes default timeout: 1 s) must get an answer before the prober gives up. */
    static final long READINESS_MILLIS = 800;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Flyway flyway;
    private final ConfigRepository configRepository;
    private final OperatorRepository operatorRepository;
    private final SessionRepository sessionRepository;
    private final ConfigVersionWatch versionWatch;
    private final ExecutorService readinessProbe;
    private Future<Boolean> runningProbe;
    /** Migrations are never un-applied, so once all are seen applied only connectivity is rechecked. */
    private volatile boolean migrationsApplied;

    private static final int VALIDATION_SECONDS = 1;

    private PersistenceModule(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(() -> openConnection(dataSource)).installPlugin(new PostgresPlugin());
        // Every handle callback on this pool (config repository and the worker's tables alike) reports a lost
        // connection as the domain's StoreUnavailableException: the adapter boundary, in one place.
        this.jdbi.setHandleCallbackDecorator(new HandleCallbackDecorator() {
            @Override
            public <R, X extends Exception> HandleCallback<R, X> decorate(HandleCallback<R, X> callback) {
                return handle -> {
                    try {
                        return callback.withHandle(handle);
                    } catch (RuntimeException e) {
                        throw ConnectionFailures.translate(e);
                    }
                };
            }
        });
        this.flyway = Flyway.configure(PersistenceModule.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                .load();
        this.versionWatch = new ConfigVersionWatch(dataSource);
        this.configRepository = new JdbiConfigRepository(jdbi, new ConfigPersistenceMapper(), versionWatch);
        this.operatorRepository = new JdbiOperatorRepository(jdbi);
        this.sessionRepository = new JdbiSessionRepository(jdbi);
        this.readinessProbe = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-dedup-db-readiness");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Creates the pool with {@link #DEFAULT_CONNECTION_TIMEOUT}; does not connect yet (see the class comment). */
    public static PersistenceModule connect(DatabaseSettings settings) {
        return connect(settings, DEFAULT_CONNECTION_TIMEOUT);
    }

    /**
     * Creates the pool; does not connect yet (see the class comment).
     *
     * @param connectionTimeout how long a caller waits for a connection (at least 250 ms, Hikari's minimum)
     */
    public static PersistenceModule connect(DatabaseSettings settings, Duration connectionTimeout) {
        Objects.requireNonNull(settings, "settings");
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms, got "
                    + connectionTimeout.toMillis() + " ms");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("event-dedup-db");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        // Small on purpose: several API servers and workers share one PostgreSQL (default max_connections 100).
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        // A pooled connection idle for more than half a second is checked before it is handed out, so connections
        // that died with the server are replaced (and the pool recovers by itself once the server is back).
        config.setValidationTimeout(Math.min(1_000, Math.max(250, connectionTimeout.toMillis() / 2)));
        config.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
        // Start without a database; the alternative (fail here) would make a restarting database crash the app.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, connectionTimeout.toSeconds())));
        config.addDataSourceProperty("ApplicationName", "event-dedup");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        LOG.info("Connecting to {}", settings.jdbcUrl());
        PersistenceModule module = new PersistenceModule(new HikariDataSource(config));
        module.versionWatch.start();
        return module;
    }

    /**
     * A live connection from the pool; a refused or timed-out one as {@link StoreUnavailableException}. Each is
     * checked before Jdbi sets up its handle: Hikari skips its own check for a connection used within the last
     * half second, and one that died with the server in that window would fail inside Jdbi's handle set-up, where no
     * callback decorator sees it (a one-statement round trip on a local connection). For the same reason the
     * driver's large-object manager, which Jdbi's PostgreSQL plugin asks for in that set-up and which queries the
     * server the first time on each connection, is made here: a server stopping in between was a 500.
     */
    private static Connection openConnection(HikariDataSource dataSource) throws SQLException {
        for (int attempt = 0; attempt <= MAX_POOL_SIZE; attempt++) {
            Connection connection;
            try {
                connection = dataSource.getConnection();
            } catch (SQLException e) {
                if (ConnectionFailures.isConnectionFailure(e)) {
                    throw new StoreUnavailableException(e);
                }
                throw e;
            }
            if (connection.isValid(VALIDATION_SECONDS) && readyForJdbi(connection)) {
                return connection;
            }
            dataSource.evictConnection(connection);
        }
        throw new StoreUnavailableException(new SQLTransientConnectionException(
                "every pooled connection was dead and no new one could be checked"));
    }

    /** Whether the driver's large-object manager could be made; false when the connection failed meanwhile. */
    private static boolean readyForJdbi(Connection connection) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getLargeObjectAPI();
            return true;
        } catch (SQLException e) {
            if (ConnectionFailures.isConnectionFailure(e)) {
                return false;
            }
            connection.close();
            throw e;
        }
    }

    /**
     * Applies pending Flyway migrations from {@code classpath:db/migration}. Safe to run from several processes at
     * once (Flyway locks its history table).
     *
     * @throws org.flywaydb.core.api.FlywayException when the database is unreachable or a migration fails
     */
    public void migrate() {
        MigrateResult result = flyway.migrate();
        LOG.info("Database schema at version {} ({} migration(s) applied now)",
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted);
        migrationsApplied = true;
    }

    public ConfigRepository configRepository() {
        return configRepository;
    }

    public OperatorRepository operatorRepository() {
        return operatorRepository;
    }

    public SessionRepository sessionRepository() {
        return sessionRepository;
    }

    /** The audit log of every operator action, newest first (the repositories here write it). */
    public ReadAuditLogUseCase auditLog() {
        return new JdbiAuditLog(jdbi);
    }

    /**
     * The stored config version as the LISTEN/NOTIFY watch knows it, without a query; empty while it is not
     * listening.
     */
    public java.util.OptionalLong watchedConfigVersion() {
        return versionWatch.version();
    }

    /** The pool, for other adapters' repositories and for tests. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** For other persistence adapters on the same pool (pipeline tables). */
    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * True when the database answers and every migration is applied. Never throws and answers within about
     * {@value #READINESS_MILLIS} ms even when the server does not respond; a probe still running from an earlier
     * call is reused rather than piling up.
     */
    public boolean isReady() {
        Future<Boolean> probe;
        try {
            synchronized (this) {
                if (runningProbe == null || runningProbe.isDone()) {
                    runningProbe = readinessProbe.submit(this::probe);
                }
                probe = runningProbe;
            }
            return probe.get(READINESS_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            return false;
        }
    }

    private boolean probe() {
        try (Connection connection = dataSource.getConnection()) {
            // Borrowing is the check: the pool validates a connection before handing it out.
            LOG.trace("Database reachable through {}", connection);
        } catch (Exception e) {
            LOG.debug("Database not reachable: {}", e.getMessage());
            return false;
        }
        if (!migrationsApplied) {
            migrationsApplied = allMigrationsApplied();
        }
        return migrationsApplied;
    }

    private boolean allMigrationsApplied() {
        try {
            MigrationInfoService info = flyway.info();
            return info.current() != null
                    && info.pending().length == 0
                    && Arrays.stream(info.all()).map(MigrationInfo::getState).noneMatch(state -> state.isFailed());
        } catch (RuntimeException e) {
            LOG.debug("Cannot read the migration state: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        versionWatch.close();
        readinessProbe.shutdownNow();
        dataSource.close();
    }
}
