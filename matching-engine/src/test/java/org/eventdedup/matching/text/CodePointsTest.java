package org.eventdedup.matching.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
