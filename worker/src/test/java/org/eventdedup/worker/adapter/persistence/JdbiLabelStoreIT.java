package org.eventdedup.worker.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.port.LabelStore;
import org.eventdedup.worker.port.LabelStoreContract;
import org.eventdedup.worker.port.PipelineTransactions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabaseExtension.class)
class JdbiLabelStoreIT extends LabelStoreContract {

    private final Jdbi jdbi;

    JdbiLabelStoreIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
    }

    @Override
    protected void empty() {
        jdbi.useHandle(h -> h.execute("TRUNCATE pair_labels, label_changes, audit_log, file_ingestions, source_events,"
                + " canonical_events"
                + " RESTART IDENTITY CASCADE"));
    }

    @Test
    void each_change_writes_its_audit_row_in_the_same_transaction() {
        LabelStore store = store();
        IdPair pair = IdPair.of("a-1", "a-2");
        store.put(List.of(new LabelStore.NewLabel(pair, LabelStore.Verdict.SAME, null)), "alice",
                new AuditEntry("alice", "label.set", "a-1|a-2", Map.of("label", "same")));
        store.remove(pair, new AuditEntry("bob", "label.removed", "a-1|a-2", Map.of()));

        List<String> rows = jdbi.withHandle(h -> h.createQuery(
                        "SELECT actor || ' ' || action || ' ' || details::text FROM audit_log ORDER BY id")
                .mapTo(String.class).list());
        assertThat(rows).containsExactly("alice label.set {\"label\": \"same\"}", "bob label.removed {}");
    }

    @Test
    void deleting_a_listing_removes_its_labels() {
        store().put(List.of(new LabelStore.NewLabel(IdPair.of("a-1", "b-1"), LabelStore.Verdict.DIFFERENT, null)),
                "alice", new AuditEntry("alice", "label.set", null, Map.of()));
        jdbi.useHandle(h -> h.execute("DELETE FROM source_events WHERE id = 'b-1'"));
        assertThat(store().count()).isZero();
    }

    @Test
    void labels_join_the_ground_truth_and_the_preview_sample_holds_their_listings() {
        store().put(List.of(new LabelStore.NewLabel(IdPair.of("a-1", "b-1"), LabelStore.Verdict.SAME, null),
                        new LabelStore.NewLabel(IdPair.of("a-2", "a-3"), LabelStore.Verdict.DIFFERENT, null)),
                "alice", new AuditEntry("alice", "label.set", null, Map.of()));

        var sample = new JdbiPreviewSamples(jdbi).read(1, List.of());

        assertThat(sample.listings()).extracting(org.eventdedup.matching.model.Listing::id)
                .contains("a-1", "a-2", "a-3", "b-1");
        assertThat(sample.truth().label(IdPair.of("a-1", "b-1"))).isTrue();
        assertThat(sample.truth().label(IdPair.of("a-2", "a-3"))).isFalse();
        assertThat(sample.truth().label(IdPair.of("a-1", "a-2"))).as("labels are open-world").isNull();
        assertThat(new JdbiGroundTruthStore(jdbi).summary().labels()).isEqualTo(2);
    }

    @Override
    protected LabelStore store() {
        return new JdbiLabelStore(jdbi, Clock.systemUTC());
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
