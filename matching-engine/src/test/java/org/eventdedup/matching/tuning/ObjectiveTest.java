package org.eventdedup.matching.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ObjectiveTest {

    @Test
    void parses_the_three_forms() {
        assertThat(Objective.parse("f1")).isEqualTo(Objective.F1);
        assertThat(Objective.parse(" F1 ")).isEqualTo(Objective.F1);
        assertThat(Objective.parse("recall@p=0.95"))
                .isEqualTo(new Objective(Objective.Kind.RECALL_AT_PRECISION, 0.95));
        assertThat(Objective.parse("precision@r=0.8"))
                .isEqualTo(new Objective(Objective.Kind.PRECISION_AT_RECALL, 0.8));
        assertThat(Objective.parse("recall@p=1")).extracting(Objective::floor).isEqualTo(1.0);
    }

    @Test
    void prints_what_it_parses() {
        for (String text : new String[] {"f1", "recall@p=0.95", "precision@r=0.8"}) {
            assertThat(Objective.parse(Objective.parse(text).toString())).isEqualTo(Objective.parse(text));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "f2|objective must be f1, recall@p=<floor> or precision@r=<floor>",
            "recall|objective must be f1",
            "recall@p=abc|needs a number as its floor",
            "recall@p=|needs a number as its floor",
            "recall@p=1.5|outside (0, 1]",
            "precision@r=0|outside (0, 1]",
            "precision@r=-0.2|outside (0, 1]",
            "recall@p=NaN|needs a number as its floor"})
    void rejects_anything_else_with_a_message_that_names_the_forms(String text, String message) {
        assertThatThrownBy(() -> Objective.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message).hasMessageContaining(text.isEmpty() ? "" : text);
    }

    @Test
    void f1_is_the_harmonic_mean() {
        assertThat(Objective.F1.value(3, 1, 2)).isEqualTo(2 * 0.75 * 0.6 / (0.75 + 0.6));
        assertThat(Objective.F1.value(0, 0, 5)).isZero();
    }

    @Test
    void a_constrained_objective_ranks_every_config_that_meets_its_floor_above_every_one_that_misses_it() {
        Objective recallAtP = Objective.parse("recall@p=0.9");
        double meetsWithLowRecall = recallAtP.value(10, 1, 90);   // precision 0.909, recall 0.1
        double missesWithHighRecall = recallAtP.value(95, 20, 5); // precision 0.826, recall 0.95
        assertThat(meetsWithLowRecall).isGreaterThan(missesWithHighRecall);
        assertThat(recallAtP.value(50, 5, 50)).isGreaterThan(meetsWithLowRecall); // more recall, floor met
        Objective precisionAtR = Objective.parse("precision@r=0.5");
        assertThat(precisionAtR.value(50, 50, 50)).isGreaterThan(precisionAtR.value(10, 0, 90));
    }
}
