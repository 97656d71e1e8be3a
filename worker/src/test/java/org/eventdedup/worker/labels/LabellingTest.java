package org.eventdedup.worker.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.worker.port.CanonicalMembers.Members;
import org.eventdedup.worker.port.LabelStore;
import org.eventdedup.worker.port.LabelStore.EventVersion;
import org.eventdedup.worker.port.LabelStore.Verdict;
import org.junit.jupiter.api.Test;

/** The label rules of merge, split and single verdicts, on fakes of the label store and the canonical events. */
class LabellingTest {

    private final FakeLabels labels = new FakeLabels(Set.of("a", "b", "c", "d", "e"));
    private final Map<Long, Members> events = new LinkedHashMap<>(Map.of(
            1L, new Members(1, 4, List.of("a", "b")),
            2L, new Members(2, 7, List.of("c")),
            3L, new Members(3, 1, List.of("c", "d", "e"))));
    private final Labelling labelling = new Labelling(labels, id -> Optional.ofNullable(events.get(id)));

    @Test
    void a_verdict_is_stored_in_code_point_order_with_the_previous_one_in_its_audit() {
        labelling.put("b", "a", Verdict.SAME, null, "alice");
        LabelStore.PairLabel stored = labelling.put("a", "b", Verdict.DIFFERENT, "no", "bob");

        assertThat(stored.pair()).isEqualTo(IdPair.of("a", "b"));
        assertThat(labels.find(IdPair.of("a", "b")).orElseThrow().verdict()).isEqualTo(Verdict.DIFFERENT);
        assertThat(labels.audits).extracting(a -> a.details().get("previous")).containsExactly("none", "same");
    }

    @Test
    void each_stored_change_is_told_and_a_refused_or_empty_one_is_not() {
        AtomicInteger told = new AtomicInteger();
        Labelling telling = new Labelling(labels, id -> Optional.ofNullable(events.get(id)), told::incrementAndGet);

        telling.put("a", "c", Verdict.SAME, null, "alice");
        telling.remove("a", "c", "alice");
        telling.remove("a", "c", "alice");
        assertThat(told).as("put and the removal that found a label").hasValue(2);

        telling.merge(1, 4, 2, 7, "alice");
        telling.split(3, 1, List.of(List.of("c"), List.of("d", "e")), "alice");
        assertThat(told).hasValue(4);

        pointers(() -> telling.put("a", "a", Verdict.SAME, null, "x"));
        assertThatThrownBy(() -> telling.merge(1, 3, 2, 7, "alice")).isInstanceOf(LabelException.class);
        assertThat(told).as("nothing stored, nothing told").hasValue(4);
    }

    @Test
    void merge_and_split_tie_their_labels_to_the_versions_read_and_a_run_in_between_makes_them_stale() {
        labelling.merge(1, 4, 2, 7, "alice");
        assertThat(labels.unchanged).containsExactly(new EventVersion(1, 4), new EventVersion(2, 7));
        labelling.split(3, 1, List.of(List.of("c"), List.of("d", "e")), "alice");
        assertThat(labels.unchanged).containsExactly(new EventVersion(3, 1));

        // a run changed event 2 after it was read, before the labels were stored
        labels.refuse = new LabelStore.EventChangedException(2, 7, 8);
        AtomicInteger told = new AtomicInteger();
        Labelling telling = new Labelling(labels, id -> Optional.ofNullable(events.get(id)), told::incrementAndGet);
        assertThatThrownBy(() -> telling.merge(1, 4, 2, 7, "alice"))
                .isInstanceOfSatisfying(LabelException.class, e -> {
                    assertThat(e.code()).isEqualTo(LabelException.Code.STALE);
                    assertThat(e.getMessage()).contains("Canonical event 2", "version 7 was sent",
                            "the stored one is 8");
                });
        assertThat(told).hasValue(0);
    }

    @Test
    void unknown_listings_and_the_same_id_twice_are_invalid_at_their_pointer() {
        assertThat(pointers(() -> labelling.put("a", "a", Verdict.SAME, null, "x"))).containsExactly("#/b");
        assertThat(pointers(() -> labelling.put("zz", "yy", Verdict.SAME, null, "x"))).containsExactly("#/a", "#/b");
        assertThat(pointers(() -> labelling.put("a", "b", Verdict.SAME, "n".repeat(1001), "x")))
                .containsExactly("#/note");
        assertThat(labels.audits).isEmpty();
    }

    @Test
    void merge_writes_same_between_every_pair_across_the_two_events_in_one_audited_write() {
        int written = labelling.merge(1, 4, 3, 1, "alice");

        assertThat(written).isEqualTo(6);
        assertThat(labels.stored.values()).allMatch(l -> l.verdict() == Verdict.SAME).hasSize(6);
        assertThat(labels.audits).singleElement().extracting(AuditEntry::action).isEqualTo("event.merge");
    }

    @Test
    void merge_refuses_stale_versions_unknown_events_and_itself() {
        assertThat(code(() -> labelling.merge(1, 3, 2, 7, "x"))).isEqualTo(LabelException.Code.STALE);
        assertThat(code(() -> labelling.merge(1, 4, 2, 6, "x"))).isEqualTo(LabelException.Code.STALE);
        assertThat(code(() -> labelling.merge(9, 4, 2, 7, "x"))).isEqualTo(LabelException.Code.NOT_FOUND);
        assertThat(pointers(() -> labelling.merge(1, 4, 9, 7, "x"))).containsExactly("#/with");
        assertThat(pointers(() -> labelling.merge(1, 4, 1, 4, "x"))).containsExactly("#/with");
        assertThat(labels.audits).isEmpty();
    }

    @Test
    void split_writes_same_within_and_different_between_groups() {
        int written = labelling.split(3, 1, List.of(List.of("e", "c"), List.of("d")), "alice");

        assertThat(written).isEqualTo(3);
        assertThat(labels.stored).containsOnlyKeys(IdPair.of("c", "e"), IdPair.of("d", "e"), IdPair.of("c", "d"));
        assertThat(labels.stored.get(IdPair.of("c", "e")).verdict()).isEqualTo(Verdict.SAME);
        assertThat(labels.stored.get(IdPair.of("c", "d")).verdict()).isEqualTo(Verdict.DIFFERENT);
        assertThat(labels.stored.get(IdPair.of("d", "e")).verdict()).isEqualTo(Verdict.DIFFERENT);
    }

    @Test
    void a_split_must_place_every_listing_once_in_two_or_more_groups() {
        assertThat(pointers(() -> labelling.split(3, 1, List.of(List.of("c", "d", "e")), "x")))
                .containsExactly("#/groups");
        assertThat(pointers(() -> labelling.split(3, 1, List.of(List.of("c"), List.of("d")), "x")))
                .containsExactly("#/groups");
        assertThat(pointers(() -> labelling.split(3, 1, List.of(List.of("c", "d"), List.of("e", "a")), "x")))
                .containsExactly("#/groups/1/1");
        assertThat(pointers(() -> labelling.split(3, 1, List.of(List.of("c", "d"), List.of("e", "c")), "x")))
                .containsExactly("#/groups/1/1");
        assertThat(pointers(() -> labelling.split(3, 1, List.of(List.of("c", "d", "e"), List.of()), "x")))
                .containsExactly("#/groups/1");
        assertThat(code(() -> labelling.split(3, 2, List.of(List.of("c", "d"), List.of("e")), "x")))
                .isEqualTo(LabelException.Code.STALE);
        assertThat(labels.audits).isEmpty();
    }

    private static List<String> pointers(Runnable call) {
        try {
            call.run();
        } catch (LabelException e) {
            assertThat(e.code()).isEqualTo(LabelException.Code.INVALID);
            return e.problems().stream().map(LabelException.FieldProblem::pointer).toList();
        }
        throw new AssertionError("no LabelException");
    }

    private static LabelException.Code code(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(LabelException.class);
        try {
            call.run();
            throw new AssertionError("unreachable");
        } catch (LabelException e) {
            return e.code();
        }
    }

    /** Just enough of a label store: current labels by pair and the audit entries written. */
    private static final class FakeLabels implements LabelStore {
        final Map<IdPair, PairLabel> stored = new LinkedHashMap<>();
        final List<AuditEntry> audits = new ArrayList<>();
        private final Set<String> listings;

        FakeLabels(Set<String> listings) {
            this.listings = listings;
        }

        /** The event versions the last put was tied to. */
        List<EventVersion> unchanged = List.of();
        /** Thrown by the next puts, when set. */
        RuntimeException refuse;

        @Override
        public List<PairLabel> put(List<NewLabel> labels, String operator, AuditEntry audit,
                                   List<EventVersion> unchanged) {
            if (refuse != null) {
                throw refuse;
            }
            this.unchanged = unchanged;
            List<PairLabel> written = new ArrayList<>();
            for (NewLabel label : labels) {
                PairLabel pairLabel = new PairLabel(label.pair(), label.verdict(), label.note(), operator,
                        Instant.EPOCH);
                stored.put(label.pair(), pairLabel);
                written.add(pairLabel);
            }
            audits.add(audit);
            return written;
        }

        @Override
        public Optional<PairLabel> remove(IdPair pair, AuditEntry audit) {
            Optional<PairLabel> removed = Optional.ofNullable(stored.remove(pair));
            removed.ifPresent(r -> audits.add(audit));
            return removed;
        }

        @Override
        public Optional<PairLabel> find(IdPair pair) {
            return Optional.ofNullable(stored.get(pair));
        }

        @Override
        public List<PairLabel> page(int limit, int offset) {
            return List.copyOf(stored.values());
        }

        @Override
        public int count() {
            return stored.size();
        }

        @Override
        public List<PairLabel> all() {
            return List.copyOf(stored.values());
        }

        @Override
        public Changes changesSince(long revision) {
            return new Changes(revision, Set.of());
        }

        @Override
        public Set<String> unknownListings(Collection<String> ids) {
            Set<String> unknown = new HashSet<>(ids);
            unknown.removeAll(listings);
            return unknown;
        }
    }
}
