package org.eventdedup.matching.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodePointsTest {

    @Test
    void orders_by_code_point_not_by_utf16_unit() {
        String emoji = "\uD83D\uDE00"; // U+1F600
        String fullwidth = "\uFF5E";   // U+FF5E
        assertThat(emoji.compareTo(fullwidth)).isNegative(); // what String.compareTo says
        assertThat(CodePoints.compare(emoji, fullwidth)).isPositive();
        assertThat(CodePoints.compare("a01", "z99")).isNegative();
        assertThat(CodePoints.compare("ab", "a")).isPositive();
        assertThat(CodePoints.compare("x", "x")).isZero();
    }

    @Test
    void counts_code_points() {
        assertThat(CodePoints.length("a\uD83D\uDE00")).isEqualTo(2);
        assertThat(CodePoints.of("a\uD83D\uDE00")).containsExactly('a', 0x1F600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "konzert im stadtpark", "fastnacht – ümläut ß „zitat“", "a\uD83D\uDE00b",
        "\uD83D\uDE00\uD83D\uDE01", "\uD83D", "x\uDE00y", "end\uD83D", "\uDE00\uD83D"})
    void of_gives_the_code_points_of_string_code_points_including_unpaired_surrogates(String text) {
        assertThat(CodePoints.of(text)).containsExactly(text.codePoints().toArray());
    }

    @Test
    void of_null_is_empty() {
        assertThat(CodePoints.of(null)).isEmpty();
    }
}
