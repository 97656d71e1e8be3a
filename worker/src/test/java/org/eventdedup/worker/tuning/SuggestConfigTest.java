package org.eventdedup.worker.tuning;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.InMemoryConfigRepository;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.matching.tuning.Objective;
import org.eventdedup.matching.tuning.TunerSettings;
import org.eventdedup.matching.tuning.TuningException;
import org.eventdedup.worker.port.PreviewSamples;
import org.junit.jupiter.api.Test;

class SuggestConfigTest {

    @Test
    void labels_on_listings_outside_the_imported_truth_reach_the_tuner_as_labelled_listings() {
        List<Listing> listings = new ArrayList<>();
        for (String id : List.of("a", "b", "x", "y")) {
            listings.add(new Listing(id, "src", "terminliste", "Konzert " + id, null, null, null, null,
                    List.of(new EventDate(LocalDate.of(2026, 3, 1), null, null, null)), null, null, null, null, null,
                    null, null, 0));
        }
        GroundTruth truth = new GroundTruth(Set.of(IdPair.of("a", "b")), Set.of("a", "b"), 0)
                .withLabels(List.of(IdPair.of("x", "y")), List.of(IdPair.of("a", "x")));
        PreviewSamples samples = (recent, models) -> new PreviewSamples.Sample(listings, truth, Map.of(),
                new PreviewSamples.TokenHistory(0, 0, 0));
        SuggestConfig suggest = new SuggestConfig(samples, new ConfigService(new InMemoryConfigRepository(),
                new ReversingSecretCipher(), null, null, Clock.systemUTC()), Lexicon.EMPTY, TunerSettings.DEFAULT);

        // too few labelled groups for five folds: refused as such, not failing on a listing the truth did not name
        assertThatThrownBy(() -> suggest.suggest(Objective.F1, 100)).isInstanceOf(TuningException.class);
    }
}
