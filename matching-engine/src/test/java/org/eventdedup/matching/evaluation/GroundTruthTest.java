package org.eventdedup.matching.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroundTruthTest {

    @Test
    void pairs_and_entities_give_true_pairs_labelled_listings_and_labels() {
        GroundTruth truth = GroundTruth.fromTree(Map.of(
                "entities", Map.of("E1", List.of("a", "b", "c"), "E2", List.of("d")),
                "pairs", List.of(List.of("b", "a"), List.of("d", "e")), "seed", 1));

        assertThat(truth.pairs()).containsExactlyInAnyOrder(IdPair.of("a", "b"), IdPair.of("a", "c"),
                IdPair.of("b", "c"), IdPair.of("d", "e"));
        assertThat(truth.listings()).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(truth.pairsOutsideEntities()).isEqualTo(1);
        assertThat(truth.label(IdPair.of("c", "a"))).isTrue();
        assertThat(truth.label(IdPair.of("a", "d"))).isFalse();
        assertThat(truth.label(IdPair.of("a", "x"))).isNull();
        assertThat(truth.restrictedTo(Set.of("a", "b", "d"))).containsExactly(IdPair.of("a", "b"));
    }

    @Test
    void problems_name_the_offending_part_by_json_pointer() {
        Object[][] cases = {
                {List.of(), "", "must be a JSON object"},
                {Map.of("truth", 1), "", "neither"},
                {Map.of("pairs", List.of(List.of("a", "a"))), "/pairs/0", "lists \"a\" twice"},
                {Map.of("pairs", List.of(List.of("a"))), "/pairs/0", "must hold two different ids"},
                {Map.of("pairs", List.of(List.of("a", ""))), "/pairs/0/1", "non-empty string"},
                {Map.of("entities", List.of()), "/entities", "must be an object"},
                {Map.of("entities", Map.of("E/1", "a")), "/entities/E~11", "must be an array"},
                {Map.of("pairs", List.of(List.of("a", "b\u0000"))), "/pairs/0/1", "no NUL"},
                {Map.of("entities", Map.of("E", List.of("a", "\ud800b"))), "/entities/E/1", "unpaired surrogate"},
                {Map.of("pairs", List.of(List.of("\udc00", "b"))), "/pairs/0/0", "unpaired surrogate"}};
        for (Object[] c : cases) {
            assertThatThrownBy(() -> GroundTruth.fromTree(c[0])).as(String.valueOf(c[0]))
                    .isInstanceOfSatisfying(GroundTruthException.class, e -> {
                        assertThat(e.pointer()).isEqualTo(c[1]);
                        assertThat(e.problem()).contains((String) c[2]);
                    });
        }
    }

    @Test
    void ids_with_any_other_text_are_listing_ids() {
        GroundTruth truth = GroundTruth.fromTree(Map.of("pairs", List.of(List.of("a\u001b[31m\nb", "\ud83c\udf89"))));
        assertThat(truth.listings()).containsExactlyInAnyOrder("a\u001b[31m\nb", "\ud83c\udf89");
    }

    @Test
    void metrics_are_zero_when_a_denominator_is_zero() {
        assertThat(PairMetrics.of(Set.of(), Set.of(IdPair.of("a", "b"))))
                .isEqualTo(new PairMetrics(0.0, 0.0, 0.0, 0, 0, 1));
        PairMetrics half = PairMetrics.of(Set.of(IdPair.of("a", "b"), IdPair.of("c", "d")),
                Set.of(IdPair.of("a", "b")));
        assertThat(half.precision()).isEqualTo(0.5);
        assertThat(half.recall()).isEqualTo(1.0);
    }
}
