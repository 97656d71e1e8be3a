package org.eventdedup.matching.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimilarityTest {

    @ParameterizedTest(name = "{0} | {1}")
    @CsvSource(delimiter = '|', textBlock = """
            this is a test                 | this is a test!                                  | 96.5517 | 96.5517
            konzert im stadtpark           | stadtpark konzert                                | 91.8919 | 100
            preismaskenball                | preismaskenball mit hemdglunker und musikverein  | 48.3871 | 100
            fuzzy was a bear but not a dog | fuzzy was a bear but not a cat                   | 90.0    | 92.3077
            aaaa bbbb cccc                 | xxxx yyyy zzzz                                   | 14.2857 | 14.2857
            """)
    void reproduces_the_rapidfuzz_reference_values_of_spec_5_1(String a, String b, double sort, double set) {
        assertThat(Similarity.tokenSortRatio(a, b)).isCloseTo(sort, within(1e-4));
        assertThat(Similarity.tokenSetRatio(a, b)).isCloseTo(set, within(1e-4));
        assertThat(Similarity.tokenSortRatio(b, a)).isEqualTo(Similarity.tokenSortRatio(a, b));
        assertThat(Similarity.tokenSetRatio(b, a)).isEqualTo(Similarity.tokenSetRatio(a, b));
    }

    @Test
    void matches_exact_values_computed_from_the_spec_formulas() {
        // exact doubles from an independent Python implementation of B §5.1 (DP LCS)
        assertThat(Similarity.tokenSortRatio("this is a test", "this is a test!")).isCloseTo(96.55172413793103, within(1e-9));
        assertThat(Similarity.tokenSortRatio("konzert im stadtpark", "stadtpark konzert")).isCloseTo(91.89189189189189, within(1e-9));
        assertThat(Similarity.tokenSetRatio("fuzzy was a bear but not a dog", "fuzzy was a bear but not a cat")).isCloseTo(92.3076923076923, within(1e-9));
        assertThat(Similarity.ratio("stadttheater", "messehalle")).isCloseTo(36.36363636363637, within(1e-9));
    }

    @Test
    void ratio_of_two_empty_strings_is_100_and_of_one_empty_string_0() {
        assertThat(Similarity.ratio("", "")).isEqualTo(100.0);
        assertThat(Similarity.ratio("abc", "")).isEqualTo(0.0);
        assertThat(Similarity.tokenSortRatio("", "")).isEqualTo(100.0);
        assertThat(Similarity.tokenSortRatio("   ", "")).isEqualTo(100.0);
    }

    @Test
    void token_set_ratio_is_0_when_either_side_has_no_token() {
        assertThat(Similarity.tokenSetRatio("", "abc")).isEqualTo(0.0);
        assertThat(Similarity.tokenSetRatio(" \t ", "abc")).isEqualTo(0.0);
        assertThat(Similarity.tokenSetRatio("", "")).isEqualTo(0.0);
    }

    @Test
    void token_set_ratio_counts_repeated_tokens_once() {
        assertThat(Similarity.tokenSetRatio("a a a b", "b a")).isEqualTo(100.0);
        assertThat(Similarity.tokenSortRatio("a a b", "a b")).isCloseTo(100.0 * (1 - 2.0 / 8), within(1e-12));
    }

    @Test
    void splits_on_python_whitespace_including_unicode_spaces_but_not_zero_width_space() {
        assertThat(Similarity.tokenSortRatio("b\u00a0a", "a b")).isEqualTo(100.0);
        assertThat(Similarity.tokenSortRatio("b\u3000a\u2009\u2028", "a b")).isEqualTo(100.0);
        assertThat(Similarity.tokenSortRatio("b\u001fa", "a b")).isEqualTo(100.0);
        assertThat(Similarity.tokenSortRatio("b\u200ba", "a b")).isLessThan(100.0);
    }

    @Test
    void counts_lengths_in_code_points_and_sorts_tokens_by_code_point() {
        // one emoji is one character: indel 1 over lengths 2 + 1
        assertThat(Similarity.ratio("a\uD83D\uDE00", "a")).isCloseTo(100.0 * (1 - 1.0 / 3), within(1e-12));
        // U+1F600 sorts after U+FF5E by code point, although its UTF-16 surrogate sorts before
        assertThat(TokenizedText.of("\uD83D\uDE00 \uFF5E").sortedText()).isEqualTo("\uFF5E \uD83D\uDE00");
    }

    @Test
    void lcs_handles_pattern_lengths_at_word_boundaries() {
        for (int m : new int[] {1, 63, 64, 65, 127, 128, 129, 200}) {
            int[] a = new int[m];
            Arrays.fill(a, 'x');
            int[] b = new int[m + 3];
            Arrays.fill(b, 'x');
            assertThat(Similarity.lcsLength(a, b)).as("m=%d", m).isEqualTo(m);
            b[0] = 'y';
            b[m + 2] = 'z';
            assertThat(Similarity.lcsLength(a, b)).as("m=%d", m).isEqualTo(m);
        }
    }

    @Test
    void bit_parallel_lcs_equals_a_dynamic_programming_lcs_on_random_strings() {
        Random random = new Random(20240301L);
        int[][] alphabets = {
                {'a', 'b'},
                {'a', 'b', 'c', 'd', ' '},
                "abcdefghijklmnopqrstuvwxyzäöüß -".codePoints().toArray(),
                {'a', 'é', 0x3B1, 0x4E2D, 0x1F600, 0x1F601, 0x10FFFF, 0xFF5E, 0}, // non-BMP and more
        };
        int checked = 0;
        for (int round = 0; round < 3000; round++) {
            int[] alphabet = alphabets[round % alphabets.length];
            int maxLength = switch (round % 5) {
                case 0 -> 8;
                case 1 -> 64;
                case 2 -> 70;
                case 3 -> 140;
                default -> 300;
            };
            int[] a = randomString(random, alphabet, random.nextInt(maxLength + 1));
            int[] b = randomString(random, alphabet, random.nextInt(maxLength + 1));
            assertThat(Similarity.lcsLength(a, b)).as("a=%s b=%s", Arrays.toString(a), Arrays.toString(b))
                    .isEqualTo(dpLcs(a, b));
            checked++;
        }
        assertThat(checked).isEqualTo(3000);
    }

    @Test
    void long_strings_over_64_and_128_code_points_match_the_dp_lcs() {
        Random random = new Random(7);
        int[] alphabet = "abcdefghij".codePoints().toArray();
        for (int length : new int[] {65, 100, 128, 129, 250, 640, 1000}) {
            int[] a = randomString(random, alphabet, length);
            int[] b = randomString(random, alphabet, length + 17);
            assertThat(Similarity.lcsLength(a, b)).isEqualTo(dpLcs(a, b));
            assertThat(Similarity.lcsLength(b, a)).isEqualTo(dpLcs(a, b));
        }
    }

    @Test
    void token_ratios_equal_a_naive_implementation_of_the_spec_formulas_on_random_sentences() {
        Random random = new Random(99);
        String[] words = {"fasnet", "umzug", "a", "b", "konzert", "im", "park", "stadtpark", "x\uD83D\uDE00", "ab",
                "ba", "über", "\u00a0", "  "};
        for (int round = 0; round < 1500; round++) {
            String a = randomSentence(random, words);
            String b = randomSentence(random, words);
            assertThat(Similarity.tokenSortRatio(a, b)).as("'%s' / '%s'", a, b)
                    .isCloseTo(naiveTokenSort(a, b), within(1e-9));
            assertThat(Similarity.tokenSetRatio(a, b)).as("'%s' / '%s'", a, b)
                    .isCloseTo(naiveTokenSet(a, b), within(1e-9));
        }
    }

    // ------------------------------------------------------------------ reference implementations

    static int dpLcs(int[] a, int[] b) {
        int[][] table = new int[a.length + 1][b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                table[i][j] = a[i - 1] == b[j - 1] ? table[i - 1][j - 1] + 1
                        : Math.max(table[i - 1][j], table[i][j - 1]);
            }
        }
        return table[a.length][b.length];
    }

    private static double naiveRatio(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int sum = x.length + y.length;
        return sum == 0 ? 100.0 : (1.0 - (double) (sum - 2 * dpLcs(x, y)) / sum) * 100.0;
    }

    private static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Whitespace.isWhitespace(cp)) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.appendCodePoint(cp);
            }
        });
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private static double naiveTokenSort(String a, String b) {
        List<String> ta = split(a);
        List<String> tb = split(b);
        ta.sort(CodePoints::compare);
        tb.sort(CodePoints::compare);
        return naiveRatio(String.join(" ", ta), String.join(" ", tb));
    }

    private static double naiveTokenSet(String a, String b) {
        TreeSet<String> sa = new TreeSet<>(CodePoints::compare);
        sa.addAll(split(a));
        TreeSet<String> sb = new TreeSet<>(CodePoints::compare);
        sb.addAll(split(b));
        if (sa.isEmpty() || sb.isEmpty()) {
            return 0;
        }
        TreeSet<String> inter = new TreeSet<>(CodePoints::compare);
        inter.addAll(sa);
        inter.retainAll(sb);
        TreeSet<String> da = new TreeSet<>(CodePoints::compare);
        da.addAll(sa);
        da.removeAll(sb);
        TreeSet<String> db = new TreeSet<>(CodePoints::compare);
        db.addAll(sb);
        db.removeAll(sa);
        if (!inter.isEmpty() && (da.isEmpty() || db.isEmpty())) {
            return 100;
        }
        String ab = String.join(" ", da);
        String ba = String.join(" ", db);
        int s = CodePoints.length(String.join(" ", inter));
        int lab = CodePoints.length(ab);
        int lba = CodePoints.length(ba);
        int sab = s + (s > 0 ? 1 : 0) + lab;
        int sba = s + (s > 0 ? 1 : 0) + lba;
        int dist = lab + lba - 2 * dpLcs(ab.codePoints().toArray(), ba.codePoints().toArray());
        double r0 = 100 - 100.0 * dist / (sab + sba);
        if (s == 0) {
            return r0;
        }
        double r1 = 100 - 100.0 * (1 + lab) / (s + sab);
        double r2 = 100 - 100.0 * (1 + lba) / (s + sba);
        return Math.max(r0, Math.max(r1, r2));
    }

    private static int[] randomString(Random random, int[] alphabet, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return out;
    }

    private static String randomSentence(Random random, String[] words) {
        int count = random.nextInt(7);
        return random.ints(count, 0, words.length).mapToObj(i -> words[i]).collect(Collectors.joining(" "));
    }

    @Test
    void ratio_of_strings_equals_ratio_of_their_code_points_whatever_came_before() {
        String longText = "familienkonzert im stadtpark mit dem philharmonie-orchester ".repeat(12);
        String[] texts = {"", "konzert im stadtpark", "stadtpark konzert", "a\uD83D\uDE00b", "x\uDE00y", longText,
            longText.substring(7) + " zugabe", "fastnacht – „umzug“", "z"};
        for (String a : texts) {
            for (String b : texts) {
                assertThat(Similarity.ratio(a, b)).as("%s | %s", a, b)
                        .isEqualTo(Similarity.ratio(CodePoints.of(a), CodePoints.of(b)));
            }
        }
        assertThat(Similarity.ratio((String) null, null)).isEqualTo(100.0);
        assertThat(Similarity.ratio((String) null, "abc")).isEqualTo(0.0);
    }
}
