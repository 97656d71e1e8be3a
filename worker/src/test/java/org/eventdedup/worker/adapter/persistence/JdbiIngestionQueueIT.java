package org.eventdedup.worker.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.port.IngestionQueue.Candidate;
import org.eventdedup.worker.port.IngestionQueue.Outcome;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Queueing files in batches on PostgreSQL. */
@ExtendWith(FreshDatabaseExtension.class)
class JdbiIngestionQueueIT {

    private final Jdbi jdbi;
    private final IngestionQueue queue;

    JdbiIngestionQueueIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
        this.queue = new JdbiIngestionQueue(jdbi);
    }

    @BeforeEach
    void empty_tables() {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions RESTART IDENTITY CASCADE"));
    }

    @Test
    void a_batch_gives_each_file_the_outcome_one_offer_after_another_gives() {
        queue.offer("done.json", "done", "watch", null, bytes("done"));
        jdbi.useHandle(h -> h.execute("UPDATE file_ingestions SET status = 'completed' WHERE filename = 'done.json'"));
        queue.offer("bad.json", "bad", "watch", null, bytes("bad"));
        jdbi.useHandle(h -> h.execute("UPDATE file_ingestions SET status = 'failed' WHERE filename = 'bad.json'"));

        List<IngestionQueue.Offer> offers = queue.offerAll(List.of(candidate("new.json", "new"),
                candidate("again.json", "new"), candidate("done-again.json", "done"),
                candidate("bad-again.json", "bad")));

        assertThat(offers).extracting(IngestionQueue.Offer::outcome).containsExactly(Outcome.QUEUED,
                Outcome.ALREADY_QUEUED, Outcome.SKIPPED, Outcome.QUEUED);
        assertThat(offers.get(1).ingestionId()).isEqualTo(offers.get(0).ingestionId());
        List<String> pending = jdbi.withHandle(h -> h.createQuery("""
                        SELECT filename || ' ' || status || ' ' || origin || ' ' || source_path
                               || ' ' || convert_from(content, 'UTF8')
                          FROM file_ingestions WHERE status = 'pending' ORDER BY id""")
                .mapTo(String.class).list());
        assertThat(pending).containsExactly("bad-again.json pending watch /in/bad-again.json bad",
                        "new.json pending watch /in/new.json new");
    }

    @Test
    void a_batch_is_recorded_whole_or_not_at_all() {
        assertThatThrownBy(() -> queue.offerAll(List.of(candidate("first.json", "first"),
                candidate("nul\u0000.json", "refused by the server"))))
                .isInstanceOf(RuntimeException.class);

        long rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM file_ingestions").mapTo(Long.class)
                .one());
        assertThat(rows).as("the first file was rolled back with the second").isZero();
    }

    @Test
    void queued_bytes_are_compressed_with_lz4_where_the_server_has_it() {
        boolean serverHasLz4 = jdbi.withHandle(h -> {
            try {
                h.execute("CREATE TEMPORARY TABLE lz4_probe (c bytea COMPRESSION lz4)");
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        });
        String method = jdbi.withHandle(h -> h.createQuery("""
                        SELECT attcompression::text FROM pg_attribute
                         WHERE attrelid = 'file_ingestions'::regclass AND attname = 'content'""")
                .mapTo(String.class).one());
        assertThat(method).isEqualTo(serverHasLz4 ? "l" : "");
        String large = "{\"events\": [" + "{\"title\": \"Konzert im Park\"},".repeat(2_000) + "{}]}";
        long id = queue.offerAll(List.of(candidate("large.json", large))).get(0).ingestionId();
        String stored = jdbi.withHandle(h -> h.createQuery(
                        "SELECT convert_from(content, 'UTF8') FROM file_ingestions WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(stored).isEqualTo(large);
    }

    private static Candidate candidate(String name, String content) {
        return new Candidate(name, name.substring(0, name.indexOf('.')), "watch", "/in/" + name, bytes(content));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
