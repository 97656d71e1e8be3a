package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.port.out.StoredConfig;
import org.eventdedup.config.domain.rule.ConfigDocument;
import org.eventdedup.testing.db.TestDatabase;
import org.junit.jupiter.api.Test;

/** Two processes on one database: each knows the other's saves through LISTEN/NOTIFY, without querying. */
class ConfigVersionWatchIT {

    private static StoredConfig row(long version) {
        return new StoredConfig(ConfigDocument.toTree(MatchingConfig.DEFAULT), null, version,
                Instant.parse("2026-11-26T10:00:00Z"), "it");
    }

    @Test
    void another_process_sees_each_save_through_the_notification() throws Exception {
        try (TestDatabase db = TestDatabase.create();
             PersistenceModule writer = PersistenceModule.connect(db.settings());
             PersistenceModule reader = PersistenceModule.connect(db.settings())) {
            awaitValue(reader::watchedConfigVersion, OptionalLong.of(0));

            assertThat(writer.configRepository().save(0, row(1), List.of())).isTrue();
            awaitValue(reader::watchedConfigVersion, OptionalLong.of(1));
            assertThat(reader.configRepository().announcedVersion()).isEqualTo(1);

            assertThat(writer.configRepository().save(1, row(2), List.of())).isTrue();
            awaitValue(reader::watchedConfigVersion, OptionalLong.of(2));

            // it keeps listening while nothing happens (several poll rounds), rather than reconnecting
            for (int i = 0; i < 20; i++) {
                Thread.sleep(50);
                assertThat(reader.watchedConfigVersion()).hasValue(2);
            }
        }
    }

    @Test
    void a_save_is_known_to_its_own_process_at_once() throws Exception {
        try (TestDatabase db = TestDatabase.create();
             PersistenceModule persistence = PersistenceModule.connect(db.settings())) {
            awaitValue(persistence::watchedConfigVersion, OptionalLong.of(0));
            persistence.configRepository().save(0, row(1), List.of());
            assertThat(persistence.watchedConfigVersion()).hasValue(1);
        }
    }

    @Test
    void a_change_made_with_plain_sql_is_seen_too() throws Exception {
        try (TestDatabase db = TestDatabase.create();
             PersistenceModule persistence = PersistenceModule.connect(db.settings())) {
            persistence.configRepository().save(0, row(1), List.of());
            try (Connection c = persistence.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE config_settings SET version = 7 WHERE id = 1");
            }
            awaitValue(persistence::watchedConfigVersion, OptionalLong.of(7));

            try (Connection c = persistence.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("TRUNCATE config_settings");
            }
            awaitValue(persistence::watchedConfigVersion, OptionalLong.of(0));
        }
    }

    @Test
    void knows_nothing_until_the_schema_has_the_trigger_then_starts_listening() throws Exception {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            PersistenceModule persistence = db.persistence();
            Thread.sleep(300);
            assertThat(persistence.watchedConfigVersion()).isEmpty();

            persistence.migrate();

            awaitValue(persistence::watchedConfigVersion, OptionalLong.of(0));
        }
    }

    private static void awaitValue(Supplier<OptionalLong> actual, OptionalLong expected) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!actual.get().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(actual.get()).isEqualTo(expected);
    }
}
