package org.eventdedup.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.matching.scoring.ConfigBuilder.aConfig;
import static org.eventdedup.matching.scoring.ListingBuilder.aListing;

import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.eventdedup.matching.model.PairDecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per config parameter the scorers read: the same pair under a base config and under the base with that one
 * parameter changed; the measured value must move in the stated direction. (Blocking parameters: BlockingParameterTest.)
 */
class ConfigParameterTest {

    enum Direction { UP, DOWN }

    record Row(String parameter, UnaryOperator<ConfigBuilder> base, UnaryOperator<ConfigBuilder> change,
               Supplier<ListingBuilder> a, Supplier<ListingBuilder> b, String measure,
               ToDoubleFunction<PairDecision> value, Direction direction) {
        @Override
        public String toString() {
            return parameter + " -> " + measure + " " + direction;
        }
    }

    private static final ToDoubleFunction<PairDecision> COMBINED = PairDecision::score;
    private static final ToDoubleFunction<PairDecision> DATE = d -> d.signals().date();
    private static final ToDoubleFunction<PairDecision> GEO = d -> d.signals().geo();
    private static final ToDoubleFunction<PairDecision> TITLE = d -> d.signals().title();
    /** NO_MATCH 0, AMBIGUOUS 1, MATCH 2. */
    private static final ToDoubleFunction<PairDecision> DECISION = d -> switch (d.decision()) {
        case NO_MATCH -> 0;
        case AMBIGUOUS -> 1;
        case MATCH -> 2;
    };

    private static ListingBuilder at(String id, String time) {
        return aListing(id).on("2026-03-01", time);
    }

    private static ListingBuilder geoAt(String id, double lat, Double confidence) {
        return aListing(id).geo(lat, 7.8, confidence);
    }

    private static ListingBuilder titled(String id, String title) {
        return aListing(id).title(title);
    }

    /** Date 1, geo 1, title 0 (unrelated titles), description 1. */
    private static ListingBuilder sameButTitle(String id, String title) {
        return aListing(id).title(title).on("2026-03-01").geo(48.0, 7.8, 1.0).description("Gleiche Beschreibung");
    }

    private static final String PREIS = "Preismaskenball";
    private static final String PREIS_LONG = "Preismaskenball mit Hemdglunker und Musikverein";

    static Stream<Row> rows() {
        UnaryOperator<ConfigBuilder> same = c -> c;
        return Stream.of(
                new Row("scoring.date", same, c -> c.weights(0.6, 0.25, 0.30, 0.15),
                        () -> aListing("a").title("Aaa").on("2026-03-01"), () -> aListing("b").title("Zzz").on("2026-03-01"),
                        "combined", COMBINED, Direction.UP),
                new Row("scoring.geo", same, c -> c.weights(0.30, 0.6, 0.30, 0.15),
                        () -> aListing("a").title("Aaa").geo(48, 7.8, 1.0), () -> aListing("b").title("Zzz").geo(48, 7.8, 1.0),
                        "combined", COMBINED, Direction.UP),
                new Row("scoring.title", same, c -> c.weights(0.30, 0.25, 0.6, 0.15),
                        () -> titled("a", "Konzert"), () -> titled("b", "Konzert"), "combined", COMBINED, Direction.UP),
                new Row("scoring.description", same, c -> c.weights(0.30, 0.25, 0.30, 0.6),
                        () -> titled("a", "Aaa").description("Text"), () -> titled("b", "Zzz").description("Text"),
                        "combined", COMBINED, Direction.UP),
                new Row("thresholds.high", same, c -> c.high(0.45),
                        () -> titled("a", "Konzert"), () -> titled("b", "Konzert"),
                        "decision", DECISION, Direction.UP),
                new Row("thresholds.low", same, c -> c.low(0.5),
                        () -> titled("a", "Konzert"), () -> titled("b", "Konzert"), "decision", DECISION, Direction.DOWN),
                new Row("thresholds.title_veto", c -> c.titleVeto(0).high(0.6), c -> c.titleVeto(0.45),
                        () -> sameButTitle("a", "Aaa"), () -> sameButTitle("b", "Zzz"), "decision", DECISION,
                        Direction.DOWN),
                new Row("geo.max_distance_km", same, c -> c.maxDistanceKm(20),
                        () -> geoAt("a", 48.0, 1.0), () -> geoAt("b", 48.045, 1.0), "geo", GEO, Direction.UP),
                new Row("geo.min_confidence", same, c -> c.minConfidence(0.5),
                        () -> geoAt("a", 48.0, 0.6), () -> geoAt("b", 48.001, 0.6), "geo", GEO, Direction.UP),
                new Row("geo.neutral_score", same, c -> c.neutralScore(0.8),
                        () -> aListing("a"), () -> aListing("b"), "geo", GEO, Direction.UP),
                new Row("geo.venue_match_distance_km", same, c -> c.venueMatchDistanceKm(2.0),
                        () -> geoAt("a", 48.0, 1.0).venue("Stadttheater"), () -> geoAt("b", 48.0135, 1.0).venue("Messehalle"),
                        "geo", GEO, Direction.DOWN),
                new Row("geo.venue_mismatch_factor", same, c -> c.venueMismatchFactor(0.8),
                        () -> geoAt("a", 48.0, 1.0).venue("Stadttheater"), () -> geoAt("b", 48.0, 1.0).venue("Messehalle"),
                        "geo", GEO, Direction.UP),
                new Row("geo.venue_name_min_similarity", same, c -> c.venueNameMinSimilarity(0.3),
                        () -> geoAt("a", 48.0, 1.0).venue("Stadttheater"), () -> geoAt("b", 48.0, 1.0).venue("Messehalle"),
                        "geo", GEO, Direction.UP),
                new Row("date.time_tolerance_minutes", same, c -> c.timeToleranceMinutes(60),
                        () -> at("a", "10:00"), () -> at("b", "10:45"), "date", DATE, Direction.UP),
                new Row("date.time_close_minutes", same, c -> c.timeCloseMinutes(110),
                        () -> at("a", "10:00"), () -> at("b", "11:40"), "date", DATE, Direction.UP),
                new Row("date.close_factor", same, c -> c.closeFactor(0.7),
                        () -> at("a", "10:00"), () -> at("b", "11:00"), "date", DATE, Direction.UP),
                new Row("date.far_factor", same, c -> c.farFactor(0.3),
                        () -> at("a", "10:00"), () -> at("b", "11:40"), "date", DATE, Direction.UP),
                new Row("date.time_gap_penalty_hours", c -> c.farFactor(0.3), c -> c.farFactor(0.3).timeGapPenaltyHours(3),
                        () -> at("a", "10:00"), () -> at("b", "12:30"), "date", DATE, Direction.UP),
                new Row("date.time_gap_penalty_factor", same, c -> c.timeGapPenaltyFactor(0.2),
                        () -> at("a", "10:00"), () -> at("b", "15:00"), "date", DATE, Direction.UP),
                new Row("blocking.max_range_days (date scoring)", same, c -> c.maxRangeDays(3),
                        () -> aListing("a").from("2026-03-01", "2026-03-10"), () -> aListing("b").on("2026-03-02"),
                        "date", DATE, Direction.UP),
                new Row("title.primary_weight", same, c -> c.primaryWeight(0.9),
                        () -> titled("a", PREIS), () -> titled("b", PREIS_LONG), "title", TITLE, Direction.DOWN),
                new Row("title.secondary_weight", same, c -> c.secondaryWeight(0.6),
                        () -> titled("a", PREIS), () -> titled("b", PREIS_LONG), "title", TITLE, Direction.UP),
                new Row("title.blend_lower", same, c -> c.blendLower(0.5),
                        () -> titled("a", PREIS), () -> titled("b", PREIS_LONG), "title", TITLE, Direction.DOWN),
                new Row("title.blend_upper", same, c -> c.blendUpper(0.95),
                        () -> titled("a", "Konzert im Stadtpark"), () -> titled("b", "Stadtpark Konzert"), "title", TITLE,
                        Direction.UP),
                new Row("title.cross_source_type", same, ConfigBuilder::shippedCrossSourceType,
                        () -> titled("a", PREIS).sourceType("terminliste"), () -> titled("b", PREIS_LONG).sourceType("artikel"),
                        "title", TITLE, Direction.UP),
                new Row("title.cross_source_type.primary_weight", ConfigBuilder::shippedCrossSourceType,
                        c -> c.crossSourceType(0.8, 0.6, 0.25, 0.95),
                        () -> titled("a", PREIS).sourceType("terminliste"), () -> titled("b", PREIS_LONG).sourceType("artikel"),
                        "title", TITLE, Direction.DOWN),
                new Row("title.cross_source_type.secondary_weight", ConfigBuilder::shippedCrossSourceType,
                        c -> c.crossSourceType(0.4, 0.9, 0.25, 0.95),
                        () -> titled("a", PREIS).sourceType("terminliste"), () -> titled("b", PREIS_LONG).sourceType("artikel"),
                        "title", TITLE, Direction.UP),
                new Row("title.cross_source_type.blend_lower", ConfigBuilder::shippedCrossSourceType,
                        c -> c.crossSourceType(0.4, 0.6, 0.5, 0.95),
                        () -> titled("a", PREIS).sourceType("terminliste"), () -> titled("b", PREIS_LONG).sourceType("artikel"),
                        "title", TITLE, Direction.DOWN),
                new Row("title.cross_source_type.blend_upper", ConfigBuilder::shippedCrossSourceType,
                        c -> c.crossSourceType(0.4, 0.6, 0.25, 0.9),
                        () -> titled("a", "Konzert im Stadtpark").sourceType("terminliste"),
                        () -> titled("b", "Stadtpark Konzert").sourceType("artikel"), "title", TITLE, Direction.DOWN),
                new Row("category_weights.overrides", c -> c.priority("fasnacht"),
                        c -> c.priority("fasnacht").override("fasnacht", 0.1, 0.1, 0.7, 0.1),
                        () -> titled("a", "Narrensprung").categories("fasnacht"),
                        () -> titled("b", "Narrensprung").categories("fasnacht"), "combined", COMBINED, Direction.UP),
                new Row("category_weights.priority", c -> c.override("fasnacht", 0.1, 0.1, 0.7, 0.1),
                        c -> c.override("fasnacht", 0.1, 0.1, 0.7, 0.1).priority("fasnacht"),
                        () -> titled("a", "Narrensprung").categories("fasnacht"),
                        () -> titled("b", "Narrensprung").categories("fasnacht"), "combined", COMBINED, Direction.UP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void changing_the_parameter_moves_the_outcome(Row row) {
        var before = row.base().apply(aConfig()).build();
        var after = row.change().apply(row.base().apply(aConfig())).build();
        double valueBefore = row.value().applyAsDouble(
                new PairScorer(before).score(row.a().get().prepared(before), row.b().get().prepared(before)));
        double valueAfter = row.value().applyAsDouble(
                new PairScorer(after).score(row.a().get().prepared(after), row.b().get().prepared(after)));
        if (row.direction() == Direction.UP) {
            assertThat(valueAfter).as(row.toString()).isGreaterThan(valueBefore);
        } else {
            assertThat(valueAfter).as(row.toString()).isLessThan(valueBefore);
        }
    }
}
