package org.eventdedup.matching.text;

/** Code-point views of strings: lengths, arrays and ordering as Python's {@code str} has them. */
public final class CodePoints {

    /** Code-point order of strings: the one order of listing ids everywhere (Part A 15). */
    public static final java.util.Comparator<String> ORDER = CodePoints::compare;

    private CodePoints() {
    }

    /**
     * The code points of {@code text} (an unpaired surrogate stays one value, as in {@link String#codePoints()}).
     * A plain loop rather than {@code codePoints().toArray()}: scoring converts two descriptions per candidate pair,
     * and the stream's buffer building cost more than the similarity itself (profile in docs/benchmarks.md).
     */
    public static int[] of(String text) {
        if (text == null) {
            return new int[0];
        }
        int length = text.length();
        int[] codePoints = new int[length];
        int count = 0;
        for (int i = 0; i < length; ) {
            int cp = text.codePointAt(i);
            codePoints[count++] = cp;
            i += Character.charCount(cp);
        }
        return count == length ? codePoints : java.util.Arrays.copyOf(codePoints, count);
    }

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * Orders strings by code point (Python's {@code str} order). {@link String#compareTo} orders UTF-16 units, which
     * differs when a supplementary character meets one in U+E000..U+FFFF.
     */
    public static int compare(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                boolean sa = Character.isSurrogate(ca);
                boolean sb = Character.isSurrogate(cb);
                if (sa != sb) {
                    // a surrogate (code point >= U+10000) sorts after every BMP character
                    return sa ? 1 : -1;
                }
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    static int compare(int[] a, int aFrom, int aTo, int[] b, int bFrom, int bTo) {
        int la = aTo - aFrom;
        int lb = bTo - bFrom;
        int length = Math.min(la, lb);
        for (int i = 0; i < length; i++) {
            int ca = a[aFrom + i];
            int cb = b[bFrom + i];
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
        }
        return Integer.compare(la, lb);
    }
}
