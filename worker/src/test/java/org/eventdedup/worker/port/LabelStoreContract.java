package org.eventdedup.worker.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.matching.canonical.CanonicalEvent;
import org.eventdedup.matching.canonical.CanonicalSynthesizer;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.worker.port.LabelStore.EventVersion;
import org.eventdedup.worker.port.LabelStore.NewLabel;
import org.eventdedup.worker.port.LabelStore.PairLabel;
import org.eventdedup.worker.port.LabelStore.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every label store promises; each test starts with no labels and stores its own listings. */
public abstract class LabelStoreContract {

    protected abstract LabelStore store();

    protected abstract PipelineTransactions transactions();

    protected abstract IngestionQueue queue();

    /** Removes every listing, label, label change and audit row. */
    protected abstract void empty();

    private static final AuditEntry AUDIT = new AuditEntry("alice", "label.set", null, Map.of());

    @BeforeEach
    void listings() {
        empty();
        storeListings("a-1", "a-2", "a-3", "b-1");
    }

    @Test
    void a_new_verdict_replaces_the_old_and_every_change_counts_as_a_revision() {
        long start = store().changesSince(0).revision();
        IdPair pair = IdPair.of("a-2", "a-1");
        store().put(List.of(new NewLabel(pair, Verdict.SAME, "same poster")), "alice", AUDIT);
        List<PairLabel> replaced = store().put(List.of(new NewLabel(pair, Verdict.DIFFERENT, null)), "bob", AUDIT);

        assertThat(store().count()).isEqualTo(1);
        PairLabel stored = store().find(pair).orElseThrow();
        assertThat(stored).isEqualTo(replaced.get(0));
        assertThat(stored.verdict()).isEqualTo(Verdict.DIFFERENT);
        assertThat(stored.labelledBy()).isEqualTo("bob");
        assertThat(stored.pair()).isEqualTo(new IdPair("a-1", "a-2"));
        LabelStore.Changes changes = store().changesSince(start);
        assertThat(changes.revision()).isEqualTo(start + 2);
        assertThat(changes.pairs()).containsExactly(pair);
        assertThat(store().changesSince(changes.revision()).pairs()).isEmpty();
    }

    @Test
    void labels_tied_to_event_versions_are_stored_only_while_the_events_are_unchanged() {
        CanonicalEvent event = new CanonicalSynthesizer(MatchingConfig.DEFAULT.canonical())
                .synthesize(List.of(PipelineStoreContract.listing("a-1", "T a-1", 1)));
        long id = transactions().inTransaction((PipelineStore s) -> s.insertCanonicals(List.of(event), 1).get(0));
        IdPair pair = IdPair.of("a-1", "a-2");
        long before = store().changesSince(0).revision();

        assertThatThrownBy(() -> store().put(List.of(new NewLabel(pair, Verdict.SAME, null)), "alice", AUDIT,
                List.of(new EventVersion(id, 2))))
                .isInstanceOfSatisfying(LabelStore.EventChangedException.class, e -> {
                    assertThat(e.id()).isEqualTo(id);
                    assertThat(e.stored()).isEqualTo(1);
                });
        assertThatThrownBy(() -> store().put(List.of(new NewLabel(pair, Verdict.SAME, null)), "alice", AUDIT,
                List.of(new EventVersion(id, 1), new EventVersion(id + 1, 1))))
                .isInstanceOfSatisfying(LabelStore.EventChangedException.class, e -> assertThat(e.stored()).isNull());
        assertThat(store().find(pair)).as("nothing stored").isEmpty();
        assertThat(store().changesSince(0).revision()).as("no change recorded").isEqualTo(before);

        store().put(List.of(new NewLabel(pair, Verdict.SAME, null)), "alice", AUDIT,
                List.of(new EventVersion(id, 1)));
        assertThat(store().find(pair)).isPresent();
    }

    @Test
    void removing_a_label_is_a_change_and_removing_a_missing_one_writes_nothing() {
        IdPair pair = IdPair.of("a-1", "b-1");
        store().put(List.of(new NewLabel(pair, Verdict.DIFFERENT, null)), "alice", AUDIT);
        long before = store().changesSince(0).revision();

        assertThat(store().remove(pair, AUDIT)).isPresent();
        assertThat(store().remove(pair, AUDIT)).isEmpty();

        assertThat(store().find(pair)).isEmpty();
        assertThat(store().changesSince(before).revision()).isEqualTo(before + 1);
    }

    @Test
    void pages_are_newest_first_and_all_returns_every_label() {
        store().put(List.of(new NewLabel(IdPair.of("a-1", "a-2"), Verdict.SAME, null)), "alice", AUDIT);
        store().put(List.of(new NewLabel(IdPair.of("a-2", "a-3"), Verdict.SAME, null),
                new NewLabel(IdPair.of("a-3", "b-1"), Verdict.DIFFERENT, null)), "alice", AUDIT);

        assertThat(store().page(1, 0)).extracting(PairLabel::pair).isNotEqualTo(IdPair.of("a-1", "a-2"));
        assertThat(store().page(10, 2)).extracting(PairLabel::pair).containsExactly(IdPair.of("a-1", "a-2"));
        assertThat(store().all()).hasSize(3);
    }

    @Test
    void unknown_listings_are_the_ids_not_stored() {
        assertThat(store().unknownListings(List.of("a-1", "zz", "b-1", "Q"))).isEqualTo(Set.of("zz", "Q"));
    }

    private void storeListings(String... ids) {
        PipelineStoreContract.storeListings(queue(), transactions(), ids);
    }
}
