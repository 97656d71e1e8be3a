package org.eventdedup.matching.text;

import java.util.Arrays;

/**
 * A text split into tokens once, for repeated {@link Similarity#tokenSortRatio(TokenizedText, TokenizedText)} and
 * {@link Similarity#tokenSetRatio(TokenizedText, TokenizedText)} calls: the tokens (Python {@code str.split()})
 * sorted by code point and joined with single spaces, plus the distinct tokens as ranges of that joined text.
 * Immutable.
 */
public final class TokenizedText {

    static final TokenizedText EMPTY = new TokenizedText(new int[0], new int[0]);

    /** Code points of the sorted tokens joined with U+0020. */
    final int[] sorted;
    /** Start and end (exclusive) of each distinct token in {@link #sorted}, in sorted order: s0, e0, s1, e1, ... */
    final int[] distinct;

    private TokenizedText(int[] sorted, int[] distinct) {
        this.sorted = sorted;
        this.distinct = distinct;
    }

    public static TokenizedText of(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        int[] cps = CodePoints.of(text);
        int[] bounds = new int[cps.length + 1];
        int tokens = 0;
        int i = 0;
        while (i < cps.length) {
            while (i < cps.length && Whitespace.isWhitespace(cps[i])) {
                i++;
            }
            if (i == cps.length) {
                break;
            }
            int start = i;
            while (i < cps.length && !Whitespace.isWhitespace(cps[i])) {
                i++;
            }
            bounds[2 * tokens] = start;
            bounds[2 * tokens + 1] = i;
            tokens++;
        }
        if (tokens == 0) {
            return EMPTY;
        }
        Integer[] order = new Integer[tokens];
        for (int t = 0; t < tokens; t++) {
            order[t] = t;
        }
        Arrays.sort(order, (x, y) -> CodePoints.compare(cps, bounds[2 * x], bounds[2 * x + 1],
                cps, bounds[2 * y], bounds[2 * y + 1]));
        int total = tokens - 1;
        for (int t = 0; t < tokens; t++) {
            total += bounds[2 * t + 1] - bounds[2 * t];
        }
        int[] sorted = new int[total];
        int[] distinct = new int[2 * tokens];
        int distinctCount = 0;
        int pos = 0;
        for (int k = 0; k < tokens; k++) {
            int t = order[k];
            int start = bounds[2 * t];
            int length = bounds[2 * t + 1] - start;
            if (k > 0) {
                sorted[pos++] = ' ';
            }
            System.arraycopy(cps, start, sorted, pos, length);
            boolean repeat = distinctCount > 0 && CodePoints.compare(sorted, distinct[2 * distinctCount - 2],
                    distinct[2 * distinctCount - 1], sorted, pos, pos + length) == 0;
            if (!repeat) {
                distinct[2 * distinctCount] = pos;
                distinct[2 * distinctCount + 1] = pos + length;
                distinctCount++;
            }
            pos += length;
        }
        return new TokenizedText(sorted, Arrays.copyOf(distinct, 2 * distinctCount));
    }

    public boolean isEmpty() {
        return sorted.length == 0;
    }

    /** Length in code points of the sorted, joined tokens. */
    public int length() {
        return sorted.length;
    }

    public int distinctTokenCount() {
        return distinct.length / 2;
    }

    /** The sorted tokens joined with single spaces (what token_sort_ratio compares). */
    public String sortedText() {
        return new String(sorted, 0, sorted.length);
    }
}
