package org.eventdedup.matching.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.eventdedup.config.domain.model.ClusterConfig;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Signals;
import org.eventdedup.matching.model.Tier;
import org.junit.jupiter.api.Test;

/** Must-link / cannot-link constraints from operators' labels. */
class ConstrainedClusteringTest {

    private static final ClusterConfig DEFAULTS = ClusterConfig.DEFAULT;
    private final Clusterer clusterer = new Clusterer();

    @Test
    void a_same_label_joins_two_listings_that_were_never_compared() {
        ClusterResult result = clusterer.cluster(listings("A", "B", "C"), List.of(), DEFAULTS,
                labels(List.of(pair("B", "A")), List.of()));

        assertThat(members(result.all())).containsExactly(List.of("A", "B"), List.of("C"));
        assertThat(result.contradictions()).isEmpty();
        assertThat(result.clusters().get(0).matchConfidence()).isNull();
    }

    @Test
    void a_same_label_joins_a_no_match_pair_and_keeps_its_decision_in_the_cluster() {
        PairDecision noMatch = decision("A", "B", 0.2, Decision.NO_MATCH);
        ClusterResult result = clusterer.cluster(listings("A", "B"), List.of(noMatch), DEFAULTS,
                labels(List.of(pair("A", "B")), List.of()));

        assertThat(members(result.all())).containsExactly(List.of("A", "B"));
        assertThat(result.clusters().get(0).decisions()).containsExactly(noMatch);
    }

    @Test
    void a_different_label_on_a_matched_pair_keeps_them_apart() {
        ClusterResult result = clusterer.cluster(listings("A", "B"), List.of(match("A", "B", 0.95)), DEFAULTS,
                labels(List.of(), List.of(pair("A", "B"))));

        assertThat(members(result.all())).containsExactly(List.of("A"), List.of("B"));
        assertThat(result.singletonCount()).isEqualTo(2);
    }

    @Test
    void a_different_label_splits_a_chain_at_its_weakest_edge() {
        // A–B 0.9, B–C 0.8, C–D 0.85: A ≠ D must cut the weakest edge between them, B–C
        List<PairDecision> edges = List.of(match("A", "B", 0.9), match("B", "C", 0.8), match("C", "D", 0.85));
        ClusterResult result = clusterer.cluster(listings("A", "B", "C", "D"), edges, DEFAULTS,
                labels(List.of(), List.of(pair("A", "D"))));

        assertThat(members(result.all())).containsExactly(List.of("A", "B"), List.of("C", "D"));
    }

    @Test
    void only_the_edges_needed_to_separate_the_pair_are_cut() {
        // D–E 0.76 is the weakest edge of the component but does not lie between A and C: it stays
        List<PairDecision> edges = List.of(match("A", "B", 0.9), match("B", "C", 0.8), match("C", "D", 0.95),
                match("D", "E", 0.76));
        ClusterResult result = clusterer.cluster(listings("A", "B", "C", "D", "E"), edges, DEFAULTS,
                labels(List.of(), List.of(pair("A", "C"))));

        assertThat(members(result.all())).containsExactly(List.of("A", "B"), List.of("C", "D", "E"));
    }

    @Test
    void a_triangle_is_split_by_cutting_every_path_between_the_pair() {
        // A–B 0.9, B–C 0.8, A–C 0.78: A ≠ C cuts A–C and B–C, B stays with A (the stronger edge)
        List<PairDecision> edges = List.of(match("A", "B", 0.9), match("B", "C", 0.8), match("A", "C", 0.78));
        ClusterResult result = clusterer.cluster(listings("A", "B", "C"), edges, DEFAULTS,
                labels(List.of(), List.of(pair("A", "C"))));

        assertThat(members(result.all())).containsExactly(List.of("A", "B"), List.of("C"));
        assertThat(result.all().get(0).decisions()).containsExactly(match("A", "B", 0.9));
    }

    @Test
    void a_must_link_is_never_cut_even_when_it_is_the_weakest_link() {
        // A = B by label (no edge); B–C 0.9, C–D 0.8; B ≠ D: the label edge stays, C–D is cut
        List<PairDecision> edges = List.of(match("B", "C", 0.9), match("C", "D", 0.8));
        ClusterResult result = clusterer.cluster(listings("A", "B", "C", "D"), edges, DEFAULTS,
                labels(List.of(pair("A", "B")), List.of(pair("B", "D"))));

        assertThat(members(result.all())).containsExactly(List.of("A", "B", "C"), List.of("D"));
    }

    @Test
    void a_different_label_between_must_link_groups_cuts_the_edges_joining_them() {
        // {A, B} and {C, D} by labels, joined by two match edges; A ≠ D cuts both
        List<PairDecision> edges = List.of(match("B", "C", 0.9), match("A", "D", 0.8));
        ClusterResult result = clusterer.cluster(listings("A", "B", "C", "D"), edges, DEFAULTS,
                labels(List.of(pair("A", "B"), pair("C", "D")), List.of(pair("A", "D"))));

        assertThat(members(result.all())).containsExactly(List.of("A", "B"), List.of("C", "D"));
        assertThat(result.contradictions()).isEmpty();
    }

    @Test
    void a_chain_of_same_labels_joins_every_listing_on_it() {
        ClusterResult result = clusterer.cluster(listings("A", "B", "C", "D", "E"), List.of(), DEFAULTS,
                labels(List.of(pair("A", "B"), pair("B", "C"), pair("C", "D")), List.of()));

        assertThat(members(result.all())).containsExactly(List.of("A", "B", "C", "D"), List.of("E"));
    }

    @Test
    void a_contradiction_is_reported_with_its_chain_and_the_same_labels_win() {
        ClusterResult result = clusterer.cluster(listings("A", "B", "C"), List.of(), DEFAULTS,
                labels(List.of(pair("A", "B"), pair("B", "C")), List.of(pair("A", "C"))));

        assertThat(members(result.all())).containsExactly(List.of("A", "B", "C"));
        assertThat(result.contradictions()).hasSize(1);
        LabelContradiction contradiction = result.contradictions().get(0);
        assertThat(contradiction.different()).isEqualTo(pair("A", "C"));
        assertThat(contradiction.ids()).containsExactly("A", "B", "C");
        assertThat(contradiction.sameLabels()).containsExactly(pair("A", "B"), pair("B", "C"));
        assertThat(contradiction.detail()).isEqualTo("A = B, B = C, but A ≠ C: the same labels win");
    }

    @Test
    void a_contradiction_does_not_void_the_other_different_labels() {
        // A = B = C with A ≠ C (contradiction); C–D match 0.9 with B ≠ D still splits D off
        ClusterResult result = clusterer.cluster(listings("A", "B", "C", "D"), List.of(match("C", "D", 0.9)),
                DEFAULTS, labels(List.of(pair("A", "B"), pair("B", "C")), List.of(pair("A", "C"), pair("B", "D"))));

        assertThat(members(result.all())).containsExactly(List.of("A", "B", "C"), List.of("D"));
        assertThat(result.contradictions()).extracting(LabelContradiction::different).containsExactly(pair("A", "C"));
    }

    @Test
    void the_chain_reported_is_the_shortest() {
        LabelConstraints labels = labels(
                List.of(pair("A", "B"), pair("B", "C"), pair("C", "D"), pair("D", "E"), pair("A", "X"), pair("X", "E")),
                List.of(pair("A", "E")));

        assertThat(labels.contradictions()).singleElement()
                .satisfies(c -> assertThat(c.ids()).containsExactly("A", "X", "E"));
    }

    @Test
    void labels_naming_listings_outside_the_batch_are_ignored() {
        ClusterResult result = clusterer.cluster(listings("A", "B"), List.of(match("A", "B", 0.9)), DEFAULTS,
                labels(List.of(pair("A", "Z"), pair("Z", "B")), List.of(pair("A", "Y"))));

        assertThat(members(result.all())).containsExactly(List.of("A", "B"));
        assertThat(result.contradictions()).isEmpty();
    }

    @Test
    void without_labels_the_result_is_identical_to_plain_clustering() {
        Random random = new Random(11);
        List<Listing> listings = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            listings.add(listing(String.format("L%02d", i)));
        }
        List<PairDecision> decisions = randomDecisions(random, listings);

        ClusterResult plain = clusterer.cluster(listings, decisions, DEFAULTS);
        assertThat(clusterer.cluster(listings, decisions, DEFAULTS, LabelConstraints.NONE)).isEqualTo(plain);
        assertThat(clusterer.cluster(listings, decisions, DEFAULTS,
                labels(List.of(pair("X1", "X2")), List.of(pair("X3", "X4"))))).isEqualTo(plain);
    }

    @Test
    void labels_that_agree_with_the_match_graph_change_nothing() {
        List<PairDecision> edges = List.of(match("A", "B", 0.9), match("B", "C", 0.8), match("D", "E", 0.85));
        ClusterResult plain = clusterer.cluster(listings("A", "B", "C", "D", "E"), edges, DEFAULTS);

        ClusterResult labelled = clusterer.cluster(listings("A", "B", "C", "D", "E"), edges, DEFAULTS,
                labels(List.of(pair("A", "C")), List.of(pair("A", "D"))));

        assertThat(labelled).isEqualTo(plain);
    }

    @Test
    void the_result_does_not_depend_on_input_order() {
        Random random = new Random(5);
        List<Listing> listings = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            listings.add(listing(String.format("L%02d", i)));
        }
        List<PairDecision> decisions = randomDecisions(random, listings);
        List<IdPair> same = new ArrayList<>();
        List<IdPair> different = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int x = random.nextInt(20);
            IdPair p = IdPair.of(listings.get(x).id(), listings.get(x + 1 + random.nextInt(19)).id());
            if (!same.contains(p) && !different.contains(p)) {
                (i % 2 == 0 ? same : different).add(p);
            }
        }
        ClusterResult expected = clusterer.cluster(listings, decisions, DEFAULTS, LabelConstraints.of(same, different));
        for (int round = 0; round < 10; round++) {
            List<Listing> shuffledListings = new ArrayList<>(listings);
            List<PairDecision> shuffledDecisions = new ArrayList<>(decisions);
            List<IdPair> shuffledSame = new ArrayList<>(same);
            Collections.shuffle(shuffledListings, random);
            Collections.shuffle(shuffledDecisions, random);
            Collections.shuffle(shuffledSame, random);
            assertThat(clusterer.cluster(shuffledListings, shuffledDecisions, DEFAULTS,
                    LabelConstraints.of(shuffledSame, different))).isEqualTo(expected);
        }
    }

    @Test
    void every_label_holds_on_random_graphs_unless_contradicted() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            List<Listing> listings = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                listings.add(listing(String.format("L%02d", i)));
            }
            List<PairDecision> decisions = randomDecisions(random, listings);
            List<IdPair> same = new ArrayList<>();
            List<IdPair> different = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int x = random.nextInt(30);
                int y = random.nextInt(30);
                if (x != y) {
                    IdPair p = IdPair.of(listings.get(x).id(), listings.get(y).id());
                    if (!same.contains(p) && !different.contains(p)) {
                        (random.nextBoolean() ? same : different).add(p);
                    }
                }
            }
            ClusterResult result = clusterer.cluster(listings, decisions, DEFAULTS,
                    LabelConstraints.of(same, different));
            List<List<String>> clusters = members(result.all());
            for (IdPair p : same) {
                assertThat(clusterOf(clusters, p.a())).isEqualTo(clusterOf(clusters, p.b()));
            }
            Set<IdPair> contradicted = new java.util.HashSet<>();
            result.contradictions().forEach(c -> contradicted.add(c.different()));
            for (IdPair p : different) {
                assertThat(clusterOf(clusters, p.a()) == clusterOf(clusters, p.b()))
                        .as("%s together", p).isEqualTo(contradicted.contains(p));
            }
        }
    }

    @Test
    void a_pair_cannot_be_labelled_both_ways() {
        assertThatThrownBy(() -> labels(List.of(pair("A", "B")), List.of(pair("A", "B"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(A, B)");
    }

    @Test
    void a_large_component_with_labels_clusters_quickly() {
        List<Listing> listings = new ArrayList<>();
        List<PairDecision> edges = new ArrayList<>();
        List<IdPair> different = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            listings.add(listing(String.format("L%05d", i)));
            if (i > 0) {
                edges.add(match(String.format("L%05d", i - 1), String.format("L%05d", i), 0.75 + (i % 97) / 400.0));
            }
            if (i % 50 == 49) {
                different.add(pair(String.format("L%05d", i - 49), String.format("L%05d", i)));
            }
        }
        long start = System.nanoTime();
        ClusterResult result = clusterer.cluster(listings, edges, DEFAULTS, LabelConstraints.of(List.of(), different));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        assertThat(result.totalClusterCount()).isGreaterThanOrEqualTo(400);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static int clusterOf(List<List<String>> clusters, String id) {
        for (int c = 0; c < clusters.size(); c++) {
            if (clusters.get(c).contains(id)) {
                return c;
            }
        }
        throw new AssertionError(id + " in no cluster");
    }

    private static List<PairDecision> randomDecisions(Random random, List<Listing> listings) {
        List<PairDecision> decisions = new ArrayList<>();
        for (int i = 0; i < listings.size(); i++) {
            for (int j = i + 1; j < listings.size(); j++) {
                int roll = random.nextInt(20);
                if (roll < 2) {
                    // scores on a coarse grid so ties occur and must break by pair
                    decisions.add(match(listings.get(i).id(), listings.get(j).id(), 0.75 + random.nextInt(5) / 20.0));
                } else if (roll < 4) {
                    decisions.add(decision(listings.get(i).id(), listings.get(j).id(), 0.5, Decision.AMBIGUOUS));
                }
            }
        }
        return decisions;
    }

    private static LabelConstraints labels(List<IdPair> same, List<IdPair> different) {
        return LabelConstraints.of(same, different);
    }

    private static IdPair pair(String x, String y) {
        return IdPair.of(x, y);
    }

    private static List<List<String>> members(List<Cluster> clusters) {
        return clusters.stream().map(Cluster::memberIds).toList();
    }

    private static List<Listing> listings(String... ids) {
        List<Listing> listings = new ArrayList<>();
        for (String id : ids) {
            listings.add(listing(id));
        }
        return listings;
    }

    private static Listing listing(String id) {
        List<EventDate> dates = List.of(new EventDate(LocalDate.parse("2026-02-12"), null, null, null));
        return new Listing(id, "src", "terminliste", "Title " + id, null, null, null, null, dates, null, null,
                null, null, null, null, null, 0);
    }

    private static PairDecision match(String a, String b, double score) {
        return decision(a, b, score, Decision.MATCH);
    }

    private static PairDecision decision(String a, String b, double score, Decision decision) {
        return new PairDecision(a, b, new Signals(score, score, score, score), score, decision, Tier.DETERMINISTIC);
    }
}
