package org.eventdedup.worker.tuning;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.port.in.PreviewConfigUseCase;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.matching.tuning.Objective;
import org.eventdedup.matching.tuning.Suggestion;
import org.eventdedup.matching.tuning.Tuner;
import org.eventdedup.matching.tuning.TunerSettings;
import org.eventdedup.worker.port.PreviewSamples;
import org.eventdedup.worker.port.PreviewSamples.Sample;

/**
 * Suggests config values from the stored listings and the stored ground truth joined by the operators' labels: the
 * same sample as the impact preview (the most recent {@code N} listings plus both listings of every labelled
 * same-event pair and of every label), the current
 * config, and the engine's {@link Tuner}. Reads only; the suggestion is shown, never saved.
 */
public final class SuggestConfig {

    public static final int DEFAULT_LISTINGS = 5000;
    public static final int MAX_LISTINGS = 50_000;

    private final PreviewSamples samples;
    private final PreviewConfigUseCase configs;
    private final Lexicon lexicon;
    private final TunerSettings settings;

    public SuggestConfig(PreviewSamples samples, PreviewConfigUseCase configs, Lexicon lexicon,
                         TunerSettings settings) {
        this.samples = Objects.requireNonNull(samples, "samples");
        this.configs = Objects.requireNonNull(configs, "configs");
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param listings N, from 1 to {@value #MAX_LISTINGS}
     * @throws org.eventdedup.matching.tuning.TuningException when the stored labels cannot support a suggestion
     * @throws java.util.concurrent.CancellationException when the calling thread is interrupted
     */
    public Suggestion suggest(Objective objective, int listings) {
        Objects.requireNonNull(objective, "objective");
        if (listings < 1 || listings > MAX_LISTINGS) {
            throw new IllegalArgumentException("listings must be in [1, " + MAX_LISTINGS + "], was " + listings);
        }
        MatchingConfig current = configs.candidate(Map.of()).current().config();
        Sample sample = samples.read(listings, List.of());
        // the tuner learns from every pair of two labelled listings: labels join its closed world
        return new Tuner(lexicon).suggest(sample.listings(), sample.truth().closedWorld(), current, objective,
                settings);
    }
}
