package org.eventdedup.worker.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Signals;
import org.eventdedup.matching.model.Tier;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.port.DecisionOutcome;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.port.PipelineStore;
import org.eventdedup.worker.port.PipelineStoreContract;
import org.eventdedup.worker.port.PipelineTransactions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The storage contract on PostgreSQL: the same tests the in-memory fake passes. */
@ExtendWith(FreshDatabaseExtension.class)
class JdbiPipelineStoreIT extends PipelineStoreContract {

    private final Jdbi jdbi;

    JdbiPipelineStoreIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
    }

    @BeforeEach
    void empty_tables() {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions, source_events, match_decisions, canonical_events,"
                + " canonical_event_sources, pipeline_runs, ai_usage_log RESTART IDENTITY CASCADE"));
    }

    @Test
    void a_decision_stored_without_an_outcome_is_reported_with_the_outcome_of_its_columns() {
        jdbi.useHandle(h -> {
            long file = h.createUpdate("""
                            INSERT INTO file_ingestions (filename, file_hash, source_code, origin, status, size_bytes)
                            VALUES ('f.json', repeat('0', 64), 'f', 'watch', 'completed', 1)""")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            for (String id : new String[] {"a", "b"}) {
                h.execute("INSERT INTO source_events (id, file_ingestion_id, source_code, source_type, listing,"
                        + " ingestion_order, keys_config) VALUES (?, ?, 'f', 't', '{}', 1, 'k')", id, file);
            }
            h.execute("""
                    INSERT INTO match_decisions (a, b, date_score, geo_score, title_score, description_score,
                           combined_score, decision, tier, config_version)
                    VALUES ('a', 'b', 0.9, 0.8, 0.7, 0.6, 0.77, 'match', 'deterministic', 1)""");
        });
        List<Long> outcomes = new ArrayList<>();
        transactions().inTransaction((PipelineStore s) -> {
            s.forEachOutcome((a, b, outcome) -> outcomes.add(outcome));
            return null;
        });
        assertThat(outcomes).containsExactly(DecisionOutcome.of(new PairDecision("a", "b",
                new Signals(0.9, 0.8, 0.7, 0.6), 0.77, Decision.MATCH, Tier.DETERMINISTIC)));
    }

    @Test
    void analyze_counts_the_rows_its_own_transaction_wrote() {
        long file = fileId();
        transactions().inTransaction((PipelineStore s) -> {
            s.insertListings(List.of(stored(listing("a", "A", 1), "lahr", "2026-02-15"),
                    stored(listing("b", "B", 2), "lahr", "2026-02-15")), java.util.Map.of("a", file, "b", file), "k");
            s.analyze();
            return null;
        });
        double reltuples = jdbi.withHandle(h -> h.createQuery(
                "SELECT reltuples FROM pg_class WHERE relname = 'source_events'").mapTo(Double.class).one());
        assertThat(reltuples).isEqualTo(2.0);
    }

    private long fileId() {
        return queue().offer("f.json", "f", "watch", null, "f".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .ingestionId();
    }

    @Override
    protected PipelineTransactions transactions() {
        return new JdbiPipelineTransactions(jdbi);
    }

    @Override
    protected IngestionQueue queue() {
        return new JdbiIngestionQueue(jdbi);
    }
}
