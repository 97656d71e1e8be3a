package org.eventdedup.matching.evaluation;

import org.eventdedup.matching.text.CodePoints;

/** An unordered pair of listing ids, stored with {@code a < b} in code-point order (B §12: pairs are put in order). */
public record IdPair(String a, String b) {

    public static IdPair of(String x, String y) {
        int order = CodePoints.compare(x, y);
        if (order == 0) {
            throw new IllegalArgumentException("a pair needs two different ids, got \"" + x + "\" twice");
        }
        return order < 0 ? new IdPair(x, y) : new IdPair(y, x);
    }
}
