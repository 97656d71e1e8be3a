package org.eventdedup.worker.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.InMemoryConfigRepository;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Geo;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.Location;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.worker.port.PreviewSamples;
import org.junit.jupiter.api.Test;

/**
 * The preview's core on a sample handed over by a fake {@link PreviewSamples}: no database, no Gemini. The HTTP
 * contract and the read-only sample on PostgreSQL are {@code PreviewHttpRoutesIT}'s.
 */
class ImpactPreviewTest {

    private final ConfigService configs = new ConfigService(new InMemoryConfigRepository(),
            new ReversingSecretCipher(), null, null, Clock.systemUTC());
    private final List<Integer> sampleSizes = new ArrayList<>();

    @Test
    void raising_the_match_threshold_above_a_labelled_match_flips_it_and_lowers_recall() {
        Listing a = listing("a-1", "bwb", "Großer Fasnetsumzug Kenzingen");
        Listing b = listing("b-1", "emt", "Großer Fasnetsumzug in Kenzingen");
        Listing other = listing("c-1", "rkb", "Flohmarkt am Rathaus");
        GroundTruth truth = new GroundTruth(Set.of(new IdPair("a-1", "b-1")), Set.of("a-1", "b-1", "c-1"), 0);
        PreviewSamples samples = (recent, models) -> {
            sampleSizes.add(recent);
            return new PreviewSamples.Sample(List.of(a, b, other), truth, Map.of(),
                    new PreviewSamples.TokenHistory(0, 0, 0));
        };
        ImpactPreview preview = new ImpactPreview(samples, configs, Lexicon.EMPTY, 1);

        ImpactReport report = preview.preview(Map.of("thresholds", Map.of("high", 0.999, "title_veto", 0.0)), 500);

        assertThat(sampleSizes).containsExactly(500);
        assertThat(report.sample().listings()).isEqualTo(3);
        assertThat(report.sample().labelledPairs()).isEqualTo(1);
        assertThat(report.current().match()).isEqualTo(1);
        assertThat(report.current().quality().recall()).isEqualTo(1.0);
        assertThat(report.candidate().match()).isZero();
        assertThat(report.candidate().quality().recall()).isZero();
        assertThat(report.candidate().thresholds().high()).isEqualTo(0.999);
        assertThat(report.flips().groups()).singleElement().satisfies(group -> {
            assertThat(group.from()).isEqualTo(Decision.MATCH);
            assertThat(group.to()).isEqualTo(Decision.AMBIGUOUS);
            assertThat(group.pairs()).singleElement().satisfies(flip -> assertThat(flip.labelled()).isTrue());
        });
        assertThat(report.candidate().ai().tokensSource()).isEqualTo("estimate");
    }

    @Test
    void labels_alone_are_ground_truth_a_different_label_making_a_match_a_false_positive() {
        Listing a = listing("a-1", "bwb", "Großer Fasnetsumzug Kenzingen");
        Listing b = listing("b-1", "emt", "Großer Fasnetsumzug in Kenzingen");
        Listing c = listing("c-1", "rkb", "Fasnetsumzug Kenzingen");
        // no imported truth: a-1 ≠ b-1 by label, b-1 = c-1 by label, a-1/c-1 unjudged (labels are open-world)
        GroundTruth truth = new GroundTruth(Set.of(), Set.of(), 0)
                .withLabels(List.of(IdPair.of("b-1", "c-1")), List.of(IdPair.of("a-1", "b-1")));
        PreviewSamples samples = (recent, models) -> new PreviewSamples.Sample(List.of(a, b, c), truth, Map.of(),
                new PreviewSamples.TokenHistory(0, 0, 0));

        ImpactReport report = new ImpactPreview(samples, configs, Lexicon.EMPTY, 1).preview(Map.of(), 500);

        assertThat(report.current().match()).as("the engine matches all three").isEqualTo(3);
        assertThat(report.current().quality()).isNotNull();
        assertThat(report.current().quality().precision()).as("one judged match right, one wrong").isEqualTo(0.5);
        assertThat(report.current().quality().recall()).isEqualTo(1.0);
        assertThat(report.sample().labelledPairs()).isEqualTo(1);
    }

    private static Listing listing(String id, String source, String title) {
        return new Listing(id, source, "terminliste", title,
                null, "Großer Umzug der Narrenzünfte durch die Altstadt mit Guggenmusik.", List.of(),
                new Location("Marktplatz", "Kenzingen", null, null, null, null, new Geo(48.19, 7.77, 0.95, null)),
                List.of(new EventDate(LocalDate.of(2026, 2, 12), LocalTime.of(14, 0), null, null)),
                List.of("fasnacht"), null, null, null, null, null, null, 0);
    }
}
