package org.eventdedup.matching.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.Thresholds;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.pipeline.MatchResult;
import org.eventdedup.matching.pipeline.MatchingPipeline;
import org.eventdedup.matching.scoring.ConfigBuilder;
import org.eventdedup.matching.scoring.SpecLexicon;
import org.junit.jupiter.api.Test;

/** The tuner's re-combined columns decide every pair exactly as a pipeline run with the same config. */
class TrialScorerTest {

    private static final LabelledFixture.Data DATA = LabelledFixture.generate(7, 80);

    static List<MatchingConfig> configs() {
        return List.of(
                MatchingConfig.DEFAULT,
                ConfigBuilder.aConfig().shippedCategoryWeights().shippedCrossSourceType().build(),
                ConfigBuilder.aConfig().shippedCategoryWeights().shippedCrossSourceType().high(0.62).titleVeto(0.2)
                        .neutralScore(0.85).closeFactor(0.6).farFactor(0.3).timeGapPenaltyFactor(0.2)
                        .primaryWeight(0.2).secondaryWeight(0.8).blendLower(0.1).blendUpper(1.0)
                        .weights(0.1, 0.3, 0.5, 0.1).build(),
                ConfigBuilder.aConfig().high(0.5).titleVeto(0.0).weights(0.5, 0.5, 0.0, 0.0).build());
    }

    @Test
    void counts_of_a_config_equal_the_match_decisions_of_a_pipeline_run_with_it() {
        for (MatchingConfig config : configs()) {
            SignalColumns columns = columns(config);
            TrialScorer scorer = allPairs(columns, config);
            MatchResult run = new MatchingPipeline(SpecLexicon.LEXICON, null, 1).run(DATA.listings(), config, null);
            long tp = 0;
            long fp = 0;
            for (PairDecision d : run.decisions()) {
                if (d.decision() == Decision.MATCH) {
                    if (DATA.truth().pairs().contains(new IdPair(d.a(), d.b()))) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
            }
            assertThat(tp + fp).as("matches under %s", config.thresholds()).isPositive();
            assertThat(scorer.counts(config)).isEqualTo(new TrialScorer.Counts(tp, fp, columns.truePairs() - tp));
        }
    }

    @Test
    void the_best_high_of_a_trial_is_counted_as_the_decision_rule_counts_it() {
        for (MatchingConfig config : configs()) {
            TrialScorer scorer = allPairs(columns(config), config);
            for (Objective objective : List.of(Objective.F1, Objective.parse("recall@p=0.9"))) {
                TrialScorer.Trial trial = scorer.best(config, objective);
                MatchingConfig atBest = new MatchingConfig(config.scoring(), new Thresholds(trial.high(),
                        Math.min(config.thresholds().low(), trial.high() - 0.01), config.thresholds().titleVeto()),
                        config.geo(), config.date(), config.title(), config.cluster(), config.canonical(), config.ai(),
                        config.categoryWeights(), config.blocking());
                assertThat(scorer.counts(atBest)).isEqualTo(trial.counts());
                assertThat(trial.value()).isGreaterThanOrEqualTo(objective.value(
                        scorer.counts(config).tp(), scorer.counts(config).fp(), scorer.counts(config).fn()));
            }
        }
    }

    @Test
    void a_trial_that_changes_one_part_of_the_base_scores_as_a_trial_computed_afresh() {
        MatchingConfig base = configs().get(1);
        TrialScorer scorer = allPairs(columns(base), base);
        scorer.rebase(base);
        ParameterSpace space = new ParameterSpace(base, List.of("fasnacht"));
        for (ParameterSpace.Group group : space.groups()) {
            for (double[] y : space.neighbours(space.current(), group)) {
                MatchingConfig trial = space.toConfig(y, base.thresholds().high());
                assertThat(scorer.best(trial, Objective.F1, group.changes()))
                        .as(group.name()).isEqualTo(scorer.best(trial, Objective.F1));
            }
        }
    }

    private static TrialScorer allPairs(SignalColumns columns, MatchingConfig config) {
        return new TrialScorer(columns, IntStream.range(0, columns.size).toArray(), columns.truePairs(),
                config.thresholds().high());
    }

    private static SignalColumns columns(MatchingConfig config) {
        return SignalColumns.extract(DATA.listings(), DATA.truth(), config, SpecLexicon.LEXICON, 3, 1L,
                new Parallel(null));
    }
}
