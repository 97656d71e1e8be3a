package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import org.eventdedup.testing.db.TestDatabase;
import org.junit.jupiter.api.Test;

class PersistenceModuleIT {

    @Test
    void is_ready_only_after_the_migrations_are_applied() throws Exception {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            PersistenceModule persistence = db.persistence();
            try (Connection ignored = persistence.dataSource().getConnection()) {
                assertThat(persistence.isReady()).as("reachable, not migrated").isFalse();
            }

            persistence.migrate();

            assertThat(persistence.isReady()).isTrue();
            assertThat(persistence.configRepository().currentVersion()).isZero();
        }
    }

    @Test
    void sees_migrations_applied_by_another_process() {
        try (TestDatabase db = TestDatabase.create();
             PersistenceModule other = PersistenceModule.connect(db.settings())) {
            assertThat(other.isReady()).isTrue();
        }
    }

    @Test
    void is_not_ready_and_answers_fast_when_the_server_is_unreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseSettings nowhere = DatabaseSettings.parse("postgresql://postgres@127.0.0.1:" + closedPort + "/x",
                null, null);

        try (PersistenceModule persistence = PersistenceModule.connect(nowhere)) {
            long start = System.nanoTime();
            boolean ready = persistence.isReady();
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(ready).isFalse();
            // bounded by the probe timeout, not by the connect timeout (3 s); generous margin for a loaded machine
            assertThat(millis).isLessThan(PersistenceModule.READINESS_MILLIS + 1500);
            assertThat(persistence.isReady()).isFalse();
        }
    }

    @Test
    void is_not_ready_after_close() {
        try (TestDatabase db = TestDatabase.create()) {
            PersistenceModule persistence = PersistenceModule.connect(db.settings());
            assertThat(persistence.isReady()).isTrue();

            persistence.close();

            assertThat(persistence.isReady()).isFalse();
        }
    }
}
