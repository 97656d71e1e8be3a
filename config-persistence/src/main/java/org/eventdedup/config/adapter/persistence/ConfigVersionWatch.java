package org.eventdedup.config.adapter.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows the stored config version without a query: one connection LISTENs on the channel that the
 * {@code config_settings_notify} trigger (migration V2) notifies at every commit. While it is not listening (database
 * down, not migrated yet) it knows nothing and callers query instead. It also re-reads the version every few seconds,
 * so even a lost notification heals quickly.
 */
final class ConfigVersionWatch implements AutoCloseable {

    static final String CHANNEL = "event_dedup_config";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigVersionWatch.class);
    private static final long POLL_MILLIS = 250;
    private static final long REVALIDATE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long UNKNOWN = -1;

    private final DataSource dataSource;
    private final AtomicLong known = new AtomicLong(UNKNOWN);
    private final Thread thread;
    private volatile boolean running = true;

    ConfigVersionWatch(DataSource dataSource) {
        this.dataSource = dataSource;
        this.thread = new Thread(this::run, "event-dedup-config-watch");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The stored version as last notified, or empty while not listening. */
    OptionalLong version() {
        long v = known.get();
        return v == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /**
     * A save of this process committed {@code version}: known at once, without waiting for the notification (which
     * follows and says the same, or something newer).
     */
    void saved(long version) {
        known.getAndUpdate(current -> current == UNKNOWN ? UNKNOWN : Math.max(current, version));
    }

    private void run() {
        long backoff = POLL_MILLIS;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                listen(connection);
                backoff = POLL_MILLIS;
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Config version watch not listening: {}", e.getMessage());
            } finally {
                known.set(UNKNOWN);
            }
            if (running) {
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void listen(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
            // Without the trigger no notification would ever come: stay unknown until the migration has run.
            try (ResultSet trigger = statement.executeQuery(
                    "SELECT 1 FROM pg_trigger WHERE tgname = 'config_settings_notify'")) {
                if (!trigger.next()) {
                    throw new SQLException("config_settings_notify trigger not installed yet");
                }
            }
        }
        PGConnection notifications = connection.unwrap(PGConnection.class);
        // read after LISTEN, so a save between the two is seen either here or as a notification
        known.set(readVersion(connection));
        LOG.debug("Config version watch listening at version {}", known.get());
        long lastRead = System.nanoTime();
        while (running) {
            PGNotification[] received = notifications.getNotifications((int) POLL_MILLIS);
            if (received != null && received.length > 0) {
                // notifications arrive in commit order, so the last one is the stored version
                known.set(Long.parseLong(received[received.length - 1].getParameter()));
            }
            if (System.nanoTime() - lastRead > REVALIDATE_NANOS) {
                known.set(readVersion(connection));
                lastRead = System.nanoTime();
            }
        }
    }

    private static long readVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version FROM config_settings WHERE id = 1")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
