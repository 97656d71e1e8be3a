package org.eventdedup.matching.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Imported truth joined by operators' labels: labels win, and they are open-world. */
class GroundTruthLabelsTest {

    private final GroundTruth imported = new GroundTruth(Set.of(IdPair.of("a", "b")), Set.of("a", "b", "c"), 0);

    @Test
    void a_same_label_adds_a_true_pair_without_making_its_listings_closed_world() {
        GroundTruth truth = imported.withLabels(List.of(IdPair.of("x", "y")), List.of());

        assertThat(truth.label(IdPair.of("x", "y"))).isTrue();
        assertThat(truth.label(IdPair.of("x", "z"))).as("not turned into different").isNull();
        assertThat(truth.label(IdPair.of("a", "x"))).isNull();
        assertThat(truth.listings()).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void a_different_label_removes_an_imported_pair_and_is_known_different() {
        GroundTruth truth = imported.withLabels(List.of(), List.of(IdPair.of("a", "b"), IdPair.of("p", "q")));

        assertThat(truth.pairs()).isEmpty();
        assertThat(truth.label(IdPair.of("a", "b"))).isFalse();
        assertThat(truth.label(IdPair.of("p", "q"))).isFalse();
        assertThat(truth.label(IdPair.of("p", "r"))).isNull();
    }

    @Test
    void a_same_label_wins_over_the_closed_world() {
        GroundTruth truth = imported.withLabels(List.of(IdPair.of("a", "c")), List.of());

        assertThat(truth.label(IdPair.of("a", "c"))).isTrue();
        assertThat(truth.label(IdPair.of("b", "c"))).as("the imported truth still says so").isFalse();
    }

    @Test
    void the_closed_world_for_the_tuner_names_every_labelled_listing() {
        GroundTruth closed = imported.withLabels(List.of(IdPair.of("x", "y")), List.of(IdPair.of("a", "p")))
                .closedWorld();

        assertThat(closed.listings()).containsExactlyInAnyOrder("a", "b", "c", "x", "y", "p");
        assertThat(closed.pairs()).containsExactlyInAnyOrder(IdPair.of("a", "b"), IdPair.of("x", "y"));
        assertThat(closed.label(IdPair.of("a", "p"))).isFalse();
        assertThat(imported.closedWorld()).isSameAs(imported);
    }

    @Test
    void without_labels_the_truth_is_unchanged() {
        assertThat(imported.withLabels(List.of(), List.of())).isSameAs(imported);
        assertThat(imported.differentPairs()).isEmpty();
        assertThat(imported.label(IdPair.of("a", "c"))).isFalse();
    }
}
