package org.eventdedup.matching.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.eventdedup.config.domain.model.ClusterConfig;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Signals;
import org.eventdedup.matching.model.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClustererTest {

    private static final ClusterConfig DEFAULTS = ClusterConfig.DEFAULT;
    private final Clusterer clusterer = new Clusterer();

    // --- B §14 Clustering examples --------------------------------------------------------------------------

    @Test
    void one_match_among_five_ids_gives_four_clusters_three_of_them_singletons() { // CL1
        ClusterResult result = clusterer.cluster(listings("A", "B", "X", "Y", "Z"), List.of(match("A", "B", 0.9)),
                DEFAULTS);

        assertThat(result.totalClusterCount()).isEqualTo(4);
        assertThat(result.singletonCount()).isEqualTo(3);
        assertThat(result.flaggedClusters()).isEmpty();
        assertThat(members(result.clusters())).containsExactly(List.of("A", "B"), List.of("X"), List.of("Y"),
                List.of("Z"));
    }

    @Test
    void listings_without_decisions_are_all_singletons() { // CL1
        ClusterResult result = clusterer.cluster(listings("E", "F"), List.of(), DEFAULTS);

        assertThat(result.singletonCount()).isEqualTo(2);
        assertThat(result.totalClusterCount()).isEqualTo(2);
        assertThat(result.clusters()).allSatisfy(c -> assertThat(c.matchConfidence()).isNull());
    }

    @Test
    void ambiguous_and_no_match_decisions_add_no_edge() { // CL2
        ClusterResult result = clusterer.cluster(listings("A", "B", "C"),
                List.of(decision("A", "B", 0.7, Decision.AMBIGUOUS), decision("B", "C", 0.1, Decision.NO_MATCH)),
                DEFAULTS);

        assertThat(result.singletonCount()).isEqualTo(3);
        assertThat(result.totalClusterCount()).isEqualTo(3);
    }

    @Test
    void match_edges_are_transitive() { // E7
        ClusterResult result = clusterer.cluster(listings("A", "B", "C"),
                List.of(match("A", "B", 0.9), match("B", "C", 0.8)), DEFAULTS);

        assertThat(members(result.clusters())).containsExactly(List.of("A", "B", "C"));
        assertThat(result.singletonCount()).isZero();
    }

    @Test
    void a_chain_of_twenty_is_flagged_as_too_large() { // CL3
        ClusterResult result = clusterer.cluster(chainListings(20), chain(20, 0.9), DEFAULTS);

        assertThat(result.clusters()).isEmpty();
        assertThat(result.flaggedClusters()).singleElement().satisfies(c -> {
            assertThat(c.size()).isEqualTo(20);
            assertThat(c.flag()).isEqualTo(new ClusterFlag(FlagReason.TOO_LARGE, 20, 15));
            assertThat(c.flag().detail()).isEqualTo("20 members, more than max_cluster_size 15");
        });
        assertThat(result.totalClusterCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "size {0} with max_cluster_size {1} flagged: {2}")
    @CsvSource({"15, 15, false", "16, 15, true", "16, 16, false", "20, 20, false", "5, 4, true", "2, 2, false"})
    void max_cluster_size_is_the_largest_coherent_size(int size, int maxClusterSize, boolean flagged) { // CL3
        ClusterConfig config = new ClusterConfig(maxClusterSize, 0.40, 3);

        ClusterResult result = clusterer.cluster(chainListings(size), chain(size, 0.9), config);

        assertThat(result.flaggedClusters()).hasSize(flagged ? 1 : 0);
        assertThat(result.clusters()).hasSize(flagged ? 0 : 1);
    }

    @ParameterizedTest(name = "edge weight {0} with min_internal_similarity {1} flagged: {2}")
    @CsvSource({"0.30, 0.40, true", "0.40, 0.40, false", "0.30, 0.30, false", "0.80, 0.90, true",
            "0.80, 0.00, false"})
    void min_internal_similarity_is_the_lowest_coherent_mean_edge_score(double weight, double minSimilarity,
                                                                        boolean flagged) { // CL4
        ClusterConfig config = new ClusterConfig(15, minSimilarity, 3);
        List<PairDecision> triangle = List.of(match("A", "B", weight), match("A", "C", weight),
                match("B", "C", weight));

        ClusterResult result = clusterer.cluster(listings("A", "B", "C"), triangle, config);

        assertThat(result.flaggedClusters()).hasSize(flagged ? 1 : 0);
        if (flagged) {
            assertThat(result.flaggedClusters().get(0).flag().reason())
                    .isEqualTo(FlagReason.LOW_INTERNAL_SIMILARITY);
            assertThat(result.flaggedClusters().get(0).flag().limit()).isEqualTo(minSimilarity);
        }
    }

    @Test
    void internal_similarity_is_the_mean_over_match_edges_only() {
        // 0.9 and 0.3 average to 0.6; the ambiguous 0.0 inside the cluster is no edge and does not pull it down
        List<PairDecision> decisions = List.of(match("A", "B", 0.9), match("B", "C", 0.3),
                decision("A", "C", 0.0, Decision.AMBIGUOUS));

        ClusterResult atMean = clusterer.cluster(listings("A", "B", "C"), decisions, new ClusterConfig(15, 0.6, 3));
        ClusterResult aboveMean = clusterer.cluster(listings("A", "B", "C"), decisions,
                new ClusterConfig(15, 0.61, 3));

        assertThat(atMean.flaggedClusters()).isEmpty();
        assertThat(aboveMean.flaggedClusters()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} distinct dates with max_distinct_dates {1} flagged: {2}")
    @CsvSource({"5, 3, true", "4, 3, true", "3, 3, false", "2, 3, false", "5, 5, false", "2, 1, true"})
    void max_distinct_dates_is_the_largest_coherent_date_spread(int dates, int maxDistinctDates,
                                                                 boolean flagged) { // CL5
        List<Listing> listings = IntStream.range(0, dates)
                .mapToObj(i -> listing("L" + i, LocalDate.of(2026, 2, 10).plusDays(i).toString()))
                .toList();

        ClusterResult result = clusterer.cluster(listings, chain(listings, 0.9),
                new ClusterConfig(15, 0.40, maxDistinctDates));

        assertThat(result.flaggedClusters()).hasSize(flagged ? 1 : 0);
        if (flagged) {
            assertThat(result.flaggedClusters().get(0).flag())
                    .isEqualTo(new ClusterFlag(FlagReason.TOO_MANY_DATES, dates, maxDistinctDates));
        }
    }

    @Test
    void date_spread_counts_distinct_start_dates_across_members_and_ignores_end_dates() {
        Listing a = new ListingStub("A").date("2026-02-10", "2026-02-20").date("2026-02-11", null).build();
        Listing b = new ListingStub("B").date("2026-02-10", null).date("2026-02-12", "2026-02-28").build();

        ClusterResult result = clusterer.cluster(List.of(a, b), List.of(match("A", "B", 0.9)),
                new ClusterConfig(15, 0.40, 3));

        assertThat(result.flaggedClusters()).isEmpty(); // 3 distinct dates: 10, 11, 12
    }

    @Test
    void without_event_data_the_date_check_is_skipped() { // CL5
        List<String> ids = List.of("L0", "L1", "L2", "L3", "L4");
        ClusterResult result = clusterer.clusterIds(ids, chain(chainListings(5), 0.9), new ClusterConfig(15, 0.4, 1));

        assertThat(result.flaggedClusters()).isEmpty();
        assertThat(members(result.clusters())).containsExactly(ids);
    }

    @Test
    void checks_run_in_order_size_similarity_dates_and_stop_at_the_first_failure() {
        List<Listing> listings = IntStream.range(0, 4)
                .mapToObj(i -> listing("L" + i, LocalDate.of(2026, 3, 1).plusDays(i).toString()))
                .toList();
        List<PairDecision> lowChain = chain(listings, 0.1);

        assertThat(clusterer.cluster(listings, lowChain, new ClusterConfig(3, 0.5, 1)).flaggedClusters().get(0)
                .flag().reason()).isEqualTo(FlagReason.TOO_LARGE);
        assertThat(clusterer.cluster(listings, lowChain, new ClusterConfig(4, 0.5, 1)).flaggedClusters().get(0)
                .flag().reason()).isEqualTo(FlagReason.LOW_INTERNAL_SIMILARITY);
        assertThat(clusterer.cluster(listings, lowChain, new ClusterConfig(4, 0.1, 1)).flaggedClusters().get(0)
                .flag().reason()).isEqualTo(FlagReason.TOO_MANY_DATES);
    }

    // --- order, determinism, decision buckets ---------------------------------------------------------------

    @Test
    void clusters_are_ordered_by_smallest_member_with_sorted_members_and_valid_before_flagged() {
        List<Listing> listings = listings("m", "c", "x", "a", "k", "b");
        List<PairDecision> decisions = List.of(match("k", "m", 0.9), match("c", "x", 0.2), match("a", "m", 0.8));

        ClusterResult result = clusterer.cluster(listings, decisions, DEFAULTS);

        assertThat(members(result.clusters())).containsExactly(List.of("a", "k", "m"), List.of("b"));
        assertThat(members(result.flaggedClusters())).containsExactly(List.of("c", "x"));
        assertThat(members(result.all())).containsExactly(List.of("a", "k", "m"), List.of("b"), List.of("c", "x"));
        assertThat(result.singletonCount()).isEqualTo(1);
        assertThat(result.totalClusterCount()).isEqualTo(3);
    }

    @Test
    void shuffled_listings_and_decisions_give_an_identical_result() {
        List<Listing> listings = new ArrayList<>();
        List<PairDecision> decisions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            listings.add(listing(String.format("id%02d", i), "2026-02-" + (10 + i % 5)));
        }
        Random random = new Random(7);
        for (int k = 0; k < 80; k++) {
            int i = random.nextInt(60);
            int j = random.nextInt(60);
            if (i != j) {
                String a = String.format("id%02d", Math.min(i, j));
                String b = String.format("id%02d", Math.max(i, j));
                if (decisions.stream().noneMatch(d -> d.a().equals(a) && d.b().equals(b))) {
                    Decision outcome = Decision.values()[random.nextInt(3)];
                    decisions.add(decision(a, b, 0.3 + random.nextInt(70) / 100.0, outcome));
                }
            }
        }
        ClusterResult expected = clusterer.cluster(listings, decisions, DEFAULTS);

        for (long seed = 1; seed <= 5; seed++) {
            List<Listing> shuffledListings = new ArrayList<>(listings);
            List<PairDecision> shuffledDecisions = new ArrayList<>(decisions);
            Collections.shuffle(shuffledListings, new Random(seed));
            Collections.shuffle(shuffledDecisions, new Random(seed * 31));

            assertThat(clusterer.cluster(shuffledListings, shuffledDecisions, DEFAULTS)).isEqualTo(expected);
        }
        assertThat(expected.flaggedClusters()).isNotEmpty(); // the fixture exercises both lists
        assertThat(expected.clusters()).anySatisfy(c -> assertThat(c.size()).isGreaterThan(1));
    }

    @Test
    void each_cluster_holds_the_decisions_between_its_members_sorted_by_pair() {
        PairDecision ab = match("A", "B", 0.9);
        PairDecision bc = match("B", "C", 0.8);
        PairDecision ac = decision("A", "C", 0.5, Decision.NO_MATCH);
        PairDecision cx = decision("C", "X", 0.6, Decision.AMBIGUOUS);

        ClusterResult result = clusterer.cluster(listings("A", "B", "C", "X"), List.of(cx, bc, ac, ab), DEFAULTS);

        assertThat(result.clusters().get(0).decisions()).containsExactly(ab, ac, bc);
        assertThat(result.clusters().get(1).decisions()).isEmpty();
        assertThat(result.clusters().get(0).matchConfidence()).isCloseTo(0.85, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void ai_assisted_needs_a_match_edge_decided_by_the_ai() {
        // B §14 A11 expected true for a lone ai_low_confidence decision; Part A 7 counts only AI match edges.
        PairDecision aiMatch = match("A", "B", 0.7).withOutcome(Decision.MATCH, Tier.AI);
        PairDecision lowConfidence = decision("A", "C", 0.7, Decision.AMBIGUOUS)
                .withOutcome(Decision.AMBIGUOUS, Tier.AI_LOW_CONFIDENCE);
        PairDecision aiNoMatch = decision("B", "C", 0.7, Decision.NO_MATCH).withOutcome(Decision.NO_MATCH, Tier.AI);

        Cluster withAiMatch = clusterer.cluster(listings("A", "B", "C"), List.of(aiMatch, match("B", "C", 0.9)),
                DEFAULTS).clusters().get(0);
        Cluster withoutAiMatch = clusterer.cluster(listings("A", "B", "C"),
                List.of(match("A", "B", 0.9), match("B", "C", 0.9), lowConfidence), DEFAULTS).clusters().get(0);
        Cluster aiOutside = clusterer.cluster(listings("A", "B", "C"), List.of(match("A", "B", 0.9), aiNoMatch),
                DEFAULTS).clusters().get(0);

        assertThat(withAiMatch.aiAssisted()).isTrue();
        assertThat(withoutAiMatch.aiAssisted()).isFalse();
        assertThat(aiOutside.memberIds()).containsExactly("A", "B");
        assertThat(aiOutside.aiAssisted()).isFalse();
    }

    @Test
    void a_decision_about_an_unknown_listing_is_rejected() {
        assertThatThrownBy(() -> clusterer.cluster(listings("A"), List.of(match("A", "B", 0.9)), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("B");
    }

    @Test
    void a_listing_id_given_twice_is_rejected() {
        assertThatThrownBy(() -> clusterer.cluster(listings("A", "A"), List.of(), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A");
    }

    @Test
    void two_decisions_for_one_pair_inside_a_cluster_are_rejected() {
        assertThatThrownBy(() -> clusterer.cluster(listings("A", "B"),
                List.of(match("A", "B", 0.9), match("A", "B", 0.8)), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(A, B)");
    }

    @Test
    void no_listings_give_an_empty_result() {
        assertThat(clusterer.cluster(List.of(), List.of(), DEFAULTS))
                .isEqualTo(new ClusterResult(List.of(), List.of(), 0, 0));
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static List<List<String>> members(List<Cluster> clusters) {
        return clusters.stream().map(Cluster::memberIds).toList();
    }

    private static List<Listing> listings(String... ids) {
        List<Listing> listings = new ArrayList<>();
        for (String id : ids) {
            listings.add(listing(id, "2026-02-12"));
        }
        return listings;
    }

    private static List<Listing> chainListings(int n) {
        return IntStream.range(0, n).mapToObj(i -> listing("L" + i, "2026-02-12")).toList();
    }

    private static Listing listing(String id, String date) {
        return new ListingStub(id).date(date, null).build();
    }

    /** Match edges L0–L1, L1–L2, … (ids ordered within each pair). */
    private static List<PairDecision> chain(int n, double weight) {
        return chain(chainListings(n), weight);
    }

    private static List<PairDecision> chain(List<Listing> listings, double weight) {
        List<PairDecision> edges = new ArrayList<>();
        for (int i = 1; i < listings.size(); i++) {
            String x = listings.get(i - 1).id();
            String y = listings.get(i).id();
            edges.add(match(x.compareTo(y) < 0 ? x : y, x.compareTo(y) < 0 ? y : x, weight));
        }
        return edges;
    }

    private static PairDecision match(String a, String b, double score) {
        return decision(a, b, score, Decision.MATCH);
    }

    private static PairDecision decision(String a, String b, double score, Decision decision) {
        return new PairDecision(a, b, new Signals(score, score, score, score), score, decision, Tier.DETERMINISTIC);
    }

    /** A minimal valid listing: only the id and dates matter to clustering. */
    private static final class ListingStub {
        private final String id;
        private final List<EventDate> dates = new ArrayList<>();

        ListingStub(String id) {
            this.id = id;
        }

        ListingStub date(String date, String endDate) {
            dates.add(new EventDate(LocalDate.parse(date), null, null, endDate == null ? null : LocalDate.parse(endDate)));
            return this;
        }

        Listing build() {
            return new Listing(id, "src", "terminliste", "Title " + id, null, null, null, null, dates, null, null,
                    null, null, null, null, null, 0);
        }
    }
}
