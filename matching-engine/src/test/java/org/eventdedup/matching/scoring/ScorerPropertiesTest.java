package org.eventdedup.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.matching.scoring.ListingBuilder.aListing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Signals;
import org.junit.jupiter.api.Test;

class ScorerPropertiesTest {

    private static final String[] TITLES = {"Konzert im Stadtpark", "Stadtpark Konzert", "Fasnetumzug Nordweil",
            "Nordwiler Narrenfahrplan - Kinderumzug", "Vortrag: Landschaftsmalerei", "Preismaskenball",
            "Preismaskenball mit Hemdglunker und Musikverein", "", "Hemdklunker-Umzug", "G.O.A.T.", "WOODWALKERS 2"};
    private static final String[] DESCRIPTIONS = {null, "", "Ein tolles Event", "Familienkonzert im Park.",
            "Umzug durch die Altstadt mit vielen Zünften und Guggenmusik"};
    private static final String[] VENUES = {null, "Stadttheater", "Messehalle", "Festhalle Kenzingen"};
    private static final String[] TIMES = {null, "10:00", "10:20", "11:00", "14:00", "20:00"};
    private static final String[] TYPES = {"artikel", "terminliste", "anzeige"};

    private static final MatchingConfig CONFIG = ConfigBuilder.aConfig().shippedCrossSourceType()
            .shippedCategoryWeights().build();

    private static ListingBuilder random(Random random, String id) {
        ListingBuilder b = aListing(id).title(pick(random, TITLES)).description(pick(random, DESCRIPTIONS))
                .venue(pick(random, VENUES)).sourceType(pick(random, TYPES));
        int dates = random.nextInt(3);
        for (int d = 0; d < dates; d++) {
            String day = "2026-03-0" + (1 + random.nextInt(4));
            String time = pick(random, TIMES);
            if (random.nextInt(5) == 0) {
                b.from(day, "2026-03-0" + (4 + random.nextInt(5)));
            } else if (time == null) {
                b.on(day);
            } else {
                b.on(day, time);
            }
        }
        if (random.nextInt(4) > 0) {
            b.geo(48.0 + random.nextInt(10) * 0.01, 7.8 + random.nextInt(3) * 0.001,
                    random.nextBoolean() ? null : 0.5 + random.nextInt(6) * 0.1);
        }
        if (random.nextBoolean()) {
            b.categories(random.nextBoolean() ? "fasnacht" : "versammlung", "kinder");
        }
        return b;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    @Test
    void signals_are_in_0_1_and_symmetric_and_pair_scores_do_not_depend_on_argument_order() {
        Random random = new Random(42);
        List<PreparedListing> listings = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            listings.add(random(random, "l" + i).prepared(CONFIG));
        }
        PairScorer scorer = new PairScorer(CONFIG);
        int pairs = 0;
        for (int i = 0; i < listings.size(); i++) {
            for (int j = i + 1; j < listings.size(); j++) {
                PreparedListing a = listings.get(i);
                PreparedListing b = listings.get(j);
                Signals forward = scorer.signals(a, b);
                assertThat(scorer.signals(b, a)).isEqualTo(forward);
                for (double value : new double[] {forward.date(), forward.geo(), forward.title(),
                        forward.description()}) {
                    assertThat(value).isBetween(0.0, 1.0);
                }
                PairDecision decision = scorer.score(a, b);
                assertThat(scorer.score(b, a)).isEqualTo(decision);
                assertThat(decision.score()).isBetween(0.0, 1.0);
                pairs++;
            }
        }
        assertThat(pairs).isEqualTo(60 * 59 / 2);
    }

    @Test
    void identical_listings_score_1_on_title_date_and_geo() {
        Random random = new Random(7);
        PairScorer scorer = new PairScorer(CONFIG);
        int checked = 0;
        for (int i = 0; i < 300; i++) {
            long seed = random.nextLong();
            PreparedListing a = random(new Random(seed), "a").prepared(CONFIG);
            PreparedListing b = random(new Random(seed), "b").prepared(CONFIG);
            Signals s = scorer.signals(a, b);
            if (!a.title().isEmpty()) {
                assertThat(s.title()).isEqualTo(1.0);
            }
            if (!a.dates().isEmpty()) {
                assertThat(s.date()).isEqualTo(1.0);
            }
            if (a.geo() != null) {
                assertThat(s.geo()).isEqualTo(1.0);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }
}
