package org.eventdedup.matching.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventdedup.matching.canonical.ListingBuilder.aListing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.eventdedup.config.domain.model.ClusterConfig;
import org.eventdedup.config.domain.model.CanonicalConfig;
import org.eventdedup.matching.cluster.ClusterFlag;
import org.eventdedup.matching.cluster.ClusterResult;
import org.eventdedup.matching.cluster.Clusterer;
import org.eventdedup.matching.cluster.FlagReason;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Signals;
import org.eventdedup.matching.model.Tier;
import org.junit.jupiter.api.Test;

/** B §14 synthesis examples (SY1–SY9) with the default strategies, and the cluster-level figures. */
class CanonicalSynthesizerTest {

    private final CanonicalSynthesizer synthesizer = new CanonicalSynthesizer(CanonicalConfig.DEFAULT);

    @Test
    void the_longest_title_of_at_least_ten_characters_wins() { // SY1
        CanonicalEvent event = synthesizer.synthesize(List.of(
                aListing("a").ingested(1).title("Fasnet").build(),
                aListing("b").ingested(2).title("Fasnet Waldkirch").build(),
                aListing("c").ingested(3).title("Grosse Fasnet Waldkirch 2026").build()));

        assertThat(event.title()).isEqualTo("Grosse Fasnet Waldkirch 2026");
        assertThat(event.fieldProvenance()).containsEntry("title", "c");
    }

    @Test
    void when_every_title_is_short_the_longest_wins_and_a_tie_goes_to_the_first() { // SY1
        CanonicalEvent event = synthesizer.synthesize(List.of(
                aListing("a").ingested(1).title("Fasnet").build(),
                aListing("b").ingested(2).title("Umzug").build(),
                aListing("c").ingested(3).title("Narren").build()));

        assertThat(event.title()).isEqualTo("Fasnet");
        assertThat(event.fieldProvenance()).containsEntry("title", "a");
    }

    @Test
    void all_descriptions_null_give_null_with_the_first_source_as_provenance() { // SY2
        CanonicalEvent event = synthesizer.synthesize(List.of(aListing("b").ingested(1).build(),
                aListing("a").ingested(2).build()));

        assertThat(event.description()).isNull();
        assertThat(event.shortDescription()).isNull();
        // B used the first event of the (set-ordered) list; here "first" is the earliest-ingested source
        assertThat(event.fieldProvenance()).containsEntry("description", "b");
    }

    @Test
    void highlights_are_the_union_in_first_seen_order() { // SY3
        CanonicalEvent event = synthesizer.synthesize(List.of(
                aListing("a").ingested(1).highlights("alpha", "beta").build(),
                aListing("b").ingested(2).highlights("beta", "gamma").build()));
        CanonicalEvent none = synthesizer.synthesize(List.of(aListing("a").build(), aListing("b").build()));

        assertThat(event.highlights()).containsExactly("alpha", "beta", "gamma");
        assertThat(event.fieldProvenance()).containsEntry("highlights", "union_all_sources");
        assertThat(none.highlights()).isEmpty();
    }

    @Test
    void the_most_frequent_city_wins_and_null_cities_are_ignored() { // SY4
        CanonicalEvent event = synthesizer.synthesize(List.of(
                aListing("a").ingested(1).city("Waldkirch").build(),
                aListing("b").ingested(2).city("Freiburg").build(),
                aListing("c").ingested(3).city("Waldkirch").build()));
        CanonicalEvent withNulls = synthesizer.synthesize(List.of(
                aListing("a").ingested(1).build(),
                aListing("b").ingested(2).build(),
                aListing("c").ingested(3).city("Freiburg").build()));

        assertThat(event.locationCity()).isEqualTo("Waldkirch");
        assertThat(event.fieldProvenance()).containsEntry("location_city", "a");
        assertThat(withNulls.locationCity()).isEqualTo("Freiburg");
        assertThat(withNulls.fieldProvenance()).containsEntry("location_city", "c");
    }

    @Test
    void geo_comes_from_the_source_with_the_highest_confidence() { // SY5
        CanonicalEvent event = synthesizer.synthesize(List.of(
                aListing("a").ingested(1).geo(48.0, 7.8, 0.70).build(),
                aListing("b").ingested(2).geo(48.1, 7.9, 0.90).build(),
                aListing("c").ingested(3).build())); // latitude without longitude is parsed to no geo at all
        CanonicalEvent none = synthesizer.synthesize(List.of(aListing("a").build()));

        assertThat(event.geo()).isEqualTo(new CanonicalGeo(48.1, 7.9, 0.90));
        assertThat(event.fieldProvenance()).containsEntry("geo", "b");
        assertThat(none.geo()).isNull();
    }

    @Test
    void dates_are_united_without_duplicate_tuples_in_first_seen_order() { // SY6
        CanonicalEvent same = synthesizer.synthesize(List.of(
                aListing("a").ingested(1).date("2026-02-12", "10:00", null, null).build(),
                aListing("b").ingested(2).date("2026-02-12", "10:00", null, null).build()));
        CanonicalEvent twoTimes = synthesizer.synthesize(List.of(
                aListing("a").ingested(2).date("2026-02-12", "10:00", null, null).build(),
                aListing("b").ingested(1).date("2026-02-12", "14:00", null, null).date("2026-02-10").build()));

        assertThat(same.dates()).hasSize(1);
        assertThat(twoTimes.dates()).extracting(d -> d.date() + " " + d.startTime())
                .containsExactly("2026-02-12 14:00", "2026-02-10 null", "2026-02-12 10:00");
        assertThat(twoTimes.fieldProvenance()).containsEntry("dates", "union_all_sources");
    }

    @Test
    void first_and_last_date_span_dates_and_end_dates() {
        CanonicalEvent event = synthesizer.synthesize(List.of(
                aListing("a").ingested(1).date("2026-02-12", null, null, "2026-02-15").build(),
                aListing("b").ingested(2).date("2026-02-11").date("2026-02-13").build()));
        CanonicalEvent undated = synthesizer.synthesize(List.of(aListing("a").build()));

        assertThat(event.firstDate()).isEqualTo(LocalDate.of(2026, 2, 11));
        assertThat(event.lastDate()).isEqualTo(LocalDate.of(2026, 2, 15));
        assertThat(undated.firstDate()).isNull();
        assertThat(undated.lastDate()).isNull();
    }

    @Test
    void a_flag_is_true_when_any_source_says_true_and_null_counts_as_false() { // SY7
        CanonicalEvent event = synthesizer.synthesize(List.of(
                aListing("a").ingested(1).bool("admission_free", false).build(),
                aListing("b").ingested(2).bool("admission_free", true).build()));
        CanonicalEvent allNull = synthesizer.synthesize(List.of(aListing("a").ingested(1).build(),
                aListing("b").ingested(2).build()));

        assertThat(event.admissionFree()).isTrue();
        assertThat(event.fieldProvenance()).containsEntry("admission_free", "b");
        assertThat(allNull.admissionFree()).isFalse();
        assertThat(allNull.isFamilyEvent()).isFalse();
        assertThat(allNull.fieldProvenance()).containsEntry("admission_free", "a");
    }

    @Test
    void provenance_names_every_field_with_a_source_id_or_the_union_marker() { // SY8
        CanonicalEvent event = synthesizer.synthesize(List.of(aListing("a").ingested(1).title("Fasnet").build(),
                aListing("b").ingested(2).title("Fasnetsumzug Waldkirch").build()));

        assertThat(event.fieldProvenance().keySet()).containsExactly("title", "short_description", "description",
                "highlights", "location_name", "location_city", "location_district", "location_street",
                "location_zipcode", "geo", "dates", "categories", "is_family_event", "is_child_focused",
                "admission_free");
        assertThat(event.fieldProvenance().values()).allSatisfy(v ->
                assertThat(v).isIn("a", "b", "union_all_sources"));
    }

    @Test
    void an_empty_cluster_is_an_error() { // SY9
        assertThatThrownBy(() -> synthesizer.synthesize(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one event");
    }

    @Test
    void source_count_and_ids_cover_every_source_sorted_by_id() {
        CanonicalEvent event = synthesizer.synthesize(List.of(aListing("m").ingested(1).build(),
                aListing("c").ingested(2).build(), aListing("x").ingested(0).build()));

        assertThat(event.sourceCount()).isEqualTo(3);
        assertThat(event.sourceIds()).containsExactly("c", "m", "x");
        assertThat(event.matchConfidence()).isNull();
        assertThat(event.needsReview()).isFalse();
        assertThat(event.aiAssisted()).isFalse();
    }

    // --- from clusters --------------------------------------------------------------------------------------

    @Test
    void two_identical_events_give_one_canonical_with_two_sources() { // E1 (synthesis part)
        List<Listing> listings = List.of(
                aListing("a").ingested(1).title("Fasnetsumzug Waldkirch").date("2026-02-12", "14:00", null, null)
                        .geo(48.09, 7.96, 0.95).build(),
                aListing("b").ingested(2).title("Fasnetsumzug Waldkirch").date("2026-02-12", "14:00", null, null)
                        .geo(48.09, 7.96, 0.95).build());

        List<CanonicalEvent> events = pipeline(listings, List.of(match("a", "b", 1.0)), ClusterConfig.DEFAULT);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.sourceCount()).isEqualTo(2);
            assertThat(e.matchConfidence()).isEqualTo(1.0);
            assertThat(e.dates()).hasSize(1);
        });
    }

    @Test
    void four_events_forming_two_pairs_give_two_canonicals_of_two_sources() { // E7
        List<Listing> listings = List.of(aListing("a").build(), aListing("b").build(), aListing("c").build(),
                aListing("d").build());

        List<CanonicalEvent> events = pipeline(listings, List.of(match("a", "b", 0.9), match("c", "d", 0.8)),
                ClusterConfig.DEFAULT);

        assertThat(events).extracting(CanonicalEvent::sourceIds).containsExactly(List.of("a", "b"), List.of("c", "d"));
        assertThat(events).extracting(CanonicalEvent::sourceCount).containsExactly(2, 2);
    }

    @Test
    void match_confidence_is_the_mean_match_score_inside_the_cluster_and_null_for_singletons() {
        List<Listing> listings = List.of(aListing("a").build(), aListing("b").build(), aListing("c").build(),
                aListing("z").build());
        List<PairDecision> decisions = List.of(match("a", "b", 0.9), match("b", "c", 0.8),
                decision("a", "c", 0.1, Decision.NO_MATCH, Tier.DETERMINISTIC),
                decision("c", "z", 0.7, Decision.AMBIGUOUS, Tier.DETERMINISTIC));

        List<CanonicalEvent> events = pipeline(listings, decisions, ClusterConfig.DEFAULT);

        assertThat(events.get(0).matchConfidence()).isCloseTo(0.85, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(events.get(1).sourceIds()).containsExactly("z");
        assertThat(events.get(1).matchConfidence()).isNull();
    }

    @Test
    void flagged_clusters_need_review_and_come_after_valid_ones() {
        List<Listing> listings = List.of(aListing("a").build(), aListing("b").build(), aListing("c").build(),
                aListing("d").build());
        List<PairDecision> decisions = List.of(match("a", "b", 0.3), match("c", "d", 0.9));

        List<CanonicalEvent> events = pipeline(listings, decisions, ClusterConfig.DEFAULT);

        assertThat(events).extracting(CanonicalEvent::sourceIds).containsExactly(List.of("c", "d"), List.of("a", "b"));
        assertThat(events.get(0).needsReview()).isFalse();
        assertThat(events.get(0).reviewFlag()).isNull();
        assertThat(events.get(1).needsReview()).isTrue();
        assertThat(events.get(1).reviewFlag()).isEqualTo(new ClusterFlag(FlagReason.LOW_INTERNAL_SIMILARITY, 0.3, 0.4));
    }

    @Test
    void an_ai_match_inside_the_cluster_makes_it_ai_assisted() { // A10
        List<Listing> listings = List.of(aListing("a").build(), aListing("b").build());

        List<CanonicalEvent> events = pipeline(listings,
                List.of(decision("a", "b", 0.7, Decision.MATCH, Tier.AI)), ClusterConfig.DEFAULT);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.aiAssisted()).isTrue());
    }

    @Test
    void only_ai_match_edges_make_a_cluster_ai_assisted() {
        // B §14 A11 expected ai_assisted=true for a lone ai_low_confidence decision between members;
        // Part A 7 requires a match edge decided by the AI, so it is false here.
        List<Listing> listings = List.of(aListing("a").build(), aListing("b").build(), aListing("c").build(),
                aListing("x").build());
        List<PairDecision> decisions = List.of(match("a", "b", 0.9), match("b", "c", 0.9),
                decision("a", "c", 0.7, Decision.AMBIGUOUS, Tier.AI_LOW_CONFIDENCE),
                decision("c", "x", 0.7, Decision.NO_MATCH, Tier.AI));

        List<CanonicalEvent> events = pipeline(listings, decisions, ClusterConfig.DEFAULT);

        assertThat(events).extracting(CanonicalEvent::aiAssisted).containsExactly(false, false);
    }

    @Test
    void shuffled_listings_and_decisions_give_identical_canonicals() {
        List<Listing> listings = new ArrayList<>();
        List<PairDecision> decisions = new ArrayList<>();
        String[] titles = {"Fasnet", "Fasnet Waldkirch", "Fasnet in Waldkirch", "Grosser Umzug", "Umzug Narren"};
        String[] cities = {"Waldkirch", "Freiburg", "Emmendingen"};
        Random random = new Random(11);
        for (int i = 0; i < 30; i++) {
            ListingBuilder b = aListing(String.format("e%02d", i)).ingested(random.nextInt(4))
                    .title(titles[random.nextInt(titles.length)])
                    .city(cities[random.nextInt(cities.length)])
                    .highlights("h" + random.nextInt(3), "h" + random.nextInt(3))
                    .date("2026-02-1" + random.nextInt(3));
            if (random.nextBoolean()) {
                b.geo(48 + random.nextInt(2) / 10.0, 7.8, random.nextInt(3) / 2.0);
            }
            listings.add(b.bool("is_family_event", random.nextBoolean() ? null : random.nextBoolean()).build());
            if (i % 5 != 0) {
                decisions.add(match(String.format("e%02d", i - 1), String.format("e%02d", i),
                        0.75 + random.nextInt(25) / 100.0));
            }
        }
        List<CanonicalEvent> expected = pipeline(listings, decisions, ClusterConfig.DEFAULT);

        for (long seed = 1; seed <= 5; seed++) {
            List<Listing> l = new ArrayList<>(listings);
            List<PairDecision> d = new ArrayList<>(decisions);
            Collections.shuffle(l, new Random(seed));
            Collections.shuffle(d, new Random(seed + 100));
            assertThat(pipeline(l, d, ClusterConfig.DEFAULT)).isEqualTo(expected);
        }
        assertThat(expected).hasSize(6);
    }

    private List<CanonicalEvent> pipeline(List<Listing> listings, List<PairDecision> decisions,
                                          ClusterConfig clusterConfig) {
        ClusterResult clusters = new Clusterer().cluster(listings, decisions, clusterConfig);
        return synthesizer.synthesizeAll(clusters, listings);
    }

    private static PairDecision match(String a, String b, double score) {
        return decision(a, b, score, Decision.MATCH, Tier.DETERMINISTIC);
    }

    private static PairDecision decision(String a, String b, double score, Decision decision, Tier tier) {
        return new PairDecision(a, b, new Signals(score, score, score, score), score, decision, tier);
    }
}
