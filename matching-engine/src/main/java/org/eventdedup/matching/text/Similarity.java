package org.eventdedup.matching.text;

import java.util.Arrays;

/**
 * RapidFuzz 3.x {@code fuzz.ratio}, {@code fuzz.token_sort_ratio} and {@code fuzz.token_set_ratio} (matching-spec
 * B §5.1): Indel-normalised similarity in [0, 100], no preprocessing, lengths in code points.
 *
 * <p>The longest common subsequence is computed bit-parallel (Allison–Dix / Hyyrö): the shorter string, after the
 * common prefix and suffix are cut off, becomes a bit pattern per distinct code point, and the longer string is run
 * over it in {@code O(n·⌈m/64⌉)} word operations — one 64-bit word for patterns up to 64 code points, a block of
 * words with carry propagation beyond that. Pattern tables live in a per-thread scratch area, so calls allocate
 * nothing for short strings and are safe from any number of threads.
 */
public final class Similarity {

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Similarity() {
    }

    // ---------------------------------------------------------------- ratio

    /** {@code fuzz.ratio}: {@code 100 · (1 − indel / (len a + len b))}, 100 when both are empty. */
    public static double ratio(String a, String b) {
        // the description scorer calls this once per candidate pair: decode into per-thread buffers, allocate nothing
        Scratch s = SCRATCH.get();
        int la = s.decodeFirst(a);
        int lb = s.decodeSecond(b);
        return ratio(s.first, 0, la, s.second, 0, lb);
    }

    public static double ratio(int[] a, int[] b) {
        return ratio(a, 0, a.length, b, 0, b.length);
    }

    static double ratio(int[] a, int aFrom, int aTo, int[] b, int bFrom, int bTo) {
        int lengthSum = (aTo - aFrom) + (bTo - bFrom);
        if (lengthSum == 0) {
            return 100.0;
        }
        int distance = lengthSum - 2 * lcs(a, aFrom, aTo, b, bFrom, bTo);
        return (1.0 - (double) distance / lengthSum) * 100.0;
    }

    // ---------------------------------------------------------------- token sort

    /** {@code fuzz.token_sort_ratio}: {@link #ratio} of the whitespace tokens sorted by code point and re-joined. */
    public static double tokenSortRatio(String a, String b) {
        return tokenSortRatio(TokenizedText.of(a), TokenizedText.of(b));
    }

    public static double tokenSortRatio(TokenizedText a, TokenizedText b) {
        return ratio(a.sorted, b.sorted);
    }

    // ---------------------------------------------------------------- token set

    /** {@code fuzz.token_set_ratio}; 0 when either side has no token. */
    public static double tokenSetRatio(String a, String b) {
        return tokenSetRatio(TokenizedText.of(a), TokenizedText.of(b));
    }

    public static double tokenSetRatio(TokenizedText a, TokenizedText b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0.0;
        }
        int[] ta = a.sorted;
        int[] tb = b.sorted;
        int[] da = a.distinct;
        int[] db = b.distinct;
        int na = da.length / 2;
        int nb = db.length / 2;
        // set decomposition by merging the two sorted distinct-token lists
        int[] onlyA = new int[na];
        int[] onlyB = new int[nb];
        int countA = 0;
        int countB = 0;
        int sectCount = 0;
        int sectLength = 0;
        int abLength = -1;
        int baLength = -1;
        int i = 0;
        int j = 0;
        while (i < na || j < nb) {
            int cmp;
            if (i == na) {
                cmp = 1;
            } else if (j == nb) {
                cmp = -1;
            } else {
                cmp = CodePoints.compare(ta, da[2 * i], da[2 * i + 1], tb, db[2 * j], db[2 * j + 1]);
            }
            if (cmp == 0) {
                sectLength += (sectCount > 0 ? 1 : 0) + da[2 * i + 1] - da[2 * i];
                sectCount++;
                i++;
                j++;
            } else if (cmp < 0) {
                onlyA[countA++] = i;
                abLength += 1 + da[2 * i + 1] - da[2 * i];
                i++;
            } else {
                onlyB[countB++] = j;
                baLength += 1 + db[2 * j + 1] - db[2 * j];
                j++;
            }
        }
        if (sectCount > 0 && (countA == 0 || countB == 0)) {
            return 100.0;
        }
        abLength = Math.max(abLength, 0);
        baLength = Math.max(baLength, 0);
        int[] ab = join(ta, da, onlyA, countA, abLength);
        int[] ba = join(tb, db, onlyB, countB, baLength);
        int distance = abLength + baLength - 2 * lcs(ab, 0, abLength, ba, 0, baLength);
        int separator = sectLength > 0 ? 1 : 0;
        int sectAb = sectLength + separator + abLength;
        int sectBa = sectLength + separator + baLength;
        double result = normDistance(distance, sectAb + sectBa);
        if (sectLength == 0) {
            return result;
        }
        double sectAbRatio = normDistance(separator + abLength, sectLength + sectAb);
        double sectBaRatio = normDistance(separator + baLength, sectLength + sectBa);
        return Math.max(result, Math.max(sectAbRatio, sectBaRatio));
    }

    /** RapidFuzz's {@code norm_distance<100>}: {@code 100 − 100·dist / lensum}, evaluated in that order. */
    private static double normDistance(int distance, int lengthSum) {
        return lengthSum > 0 ? 100.0 - 100.0 * distance / lengthSum : 100.0;
    }

    private static int[] join(int[] text, int[] ranges, int[] picks, int count, int length) {
        int[] out = new int[length];
        int pos = 0;
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                out[pos++] = ' ';
            }
            int start = ranges[2 * picks[k]];
            int tokenLength = ranges[2 * picks[k] + 1] - start;
            System.arraycopy(text, start, out, pos, tokenLength);
            pos += tokenLength;
        }
        return out;
    }

    // ---------------------------------------------------------------- Indel / LCS

    /** Indel distance: insertions and deletions turning {@code a} into {@code b}. */
    public static int indelDistance(int[] a, int[] b) {
        return a.length + b.length - 2 * lcsLength(a, b);
    }

    /** Length of the longest common subsequence of two code-point sequences. */
    public static int lcsLength(int[] a, int[] b) {
        return lcs(a, 0, a.length, b, 0, b.length);
    }

    static int lcs(int[] a, int aFrom, int aTo, int[] b, int bFrom, int bTo) {
        int common = 0;
        while (aFrom < aTo && bFrom < bTo && a[aFrom] == b[bFrom]) {
            aFrom++;
            bFrom++;
            common++;
        }
        while (aFrom < aTo && bFrom < bTo && a[aTo - 1] == b[bTo - 1]) {
            aTo--;
            bTo--;
            common++;
        }
        int la = aTo - aFrom;
        int lb = bTo - bFrom;
        if (la == 0 || lb == 0) {
            return common;
        }
        return common + (la <= lb
                ? bitParallel(a, aFrom, la, b, bFrom, lb)
                : bitParallel(b, bFrom, lb, a, aFrom, la));
    }

    /** LCS of pattern {@code p[pFrom, pFrom+m)} and text {@code t[tFrom, tFrom+n)}; {@code m >= 1}. */
    private static int bitParallel(int[] p, int pFrom, int m, int[] t, int tFrom, int n) {
        Scratch s = SCRATCH.get();
        int words = (m + 63) >>> 6;
        s.prepare(p, pFrom, m, words);
        try {
            long[] masks = s.masks;
            if (words == 1) {
                long v = -1L;
                for (int j = 0; j < n; j++) {
                    int k = s.indexOf(t[tFrom + j]);
                    if (k >= 0) {
                        long u = v & masks[k];
                        v = (v + u) | (v - u);
                    }
                }
                long live = m == 64 ? -1L : (1L << m) - 1;
                return Long.bitCount(~v & live);
            }
            long[] v = s.state;
            Arrays.fill(v, 0, words, -1L);
            for (int j = 0; j < n; j++) {
                int k = s.indexOf(t[tFrom + j]);
                if (k < 0) {
                    continue; // no match bits: the row stays unchanged
                }
                int base = k * words;
                long carry = 0;
                for (int w = 0; w < words; w++) {
                    long vw = v[w];
                    long u = vw & masks[base + w];
                    long sum = vw + u + carry;
                    // carry out of bit 63 = majority(vw, u, carry in); u is a subset of vw, so it reduces to this
                    carry = (u | (vw & ~sum)) >>> 63;
                    v[w] = sum | (vw - u);
                }
            }
            int lcs = 0;
            for (int w = 0; w < words - 1; w++) {
                lcs += Long.bitCount(~v[w]);
            }
            int rest = m - 64 * (words - 1);
            long live = rest == 64 ? -1L : (1L << rest) - 1;
            return lcs + Long.bitCount(~v[words - 1] & live);
        } finally {
            s.clear(p, pFrom, m);
        }
    }

    /**
     * Per-thread pattern tables: code point → alphabet index (a direct table below U+0100, open addressing above),
     * and the match masks, {@code words} longs per alphabet entry. Cleared entry by entry after each call.
     */
    private static final class Scratch {
        private static final int LATIN = 256;
        private final int[] latin = new int[LATIN]; // index + 1; 0 = absent
        private int[] hashKeys = new int[16];
        private int[] hashValues = new int[16];
        private int[] usedSlots = new int[16];
        private int hashCount;
        long[] masks = new long[64];
        long[] state = new long[4];
        /** Code points of {@link #ratio(String, String)}'s two strings; only read before the next call decodes. */
        int[] first = new int[256];
        int[] second = new int[256];

        int decodeFirst(String text) {
            first = grow(first, text);
            return decode(text, first);
        }

        int decodeSecond(String text) {
            second = grow(second, text);
            return decode(text, second);
        }

        private static int[] grow(int[] buffer, String text) {
            return text != null && text.length() > buffer.length
                    ? new int[Math.max(text.length(), buffer.length * 2)] : buffer;
        }

        /** Writes the code points of {@code text} (null = empty) into {@code into}; returns their number. */
        private static int decode(String text, int[] into) {
            if (text == null) {
                return 0;
            }
            int count = 0;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                into[count++] = cp;
                i += Character.charCount(cp);
            }
            return count;
        }

        Scratch() {
            Arrays.fill(hashKeys, -1);
        }

        void prepare(int[] p, int from, int m, int words) {
            if (state.length < words) {
                state = new long[words];
            }
            int capacity = Integer.highestOneBit(Math.max(8, m)) * 4;
            if (hashKeys.length < capacity) {
                hashKeys = new int[capacity];
                hashValues = new int[capacity];
                usedSlots = new int[capacity];
                Arrays.fill(hashKeys, -1);
            }
            int alphabet = 0;
            for (int i = 0; i < m; i++) {
                int cp = p[from + i];
                int k = indexOf(cp);
                if (k < 0) {
                    k = alphabet++;
                    put(cp, k);
                    if (masks.length < alphabet * words) {
                        // sized by the distinct code points actually seen, not by m · words
                        masks = Arrays.copyOf(masks, Math.max(alphabet * words, masks.length * 2));
                    }
                    if (words == 1) {
                        masks[k] = 0L;
                    } else {
                        Arrays.fill(masks, k * words, k * words + words, 0L);
                    }
                }
                masks[k * words + (i >>> 6)] |= 1L << (i & 63);
            }
        }

        int indexOf(int cp) {
            if (cp < LATIN) {
                return latin[cp] - 1;
            }
            if (hashCount == 0) {
                return -1;
            }
            int mask = hashKeys.length - 1;
            int h = mix(cp) & mask;
            while (true) {
                int key = hashKeys[h];
                if (key == cp) {
                    return hashValues[h];
                }
                if (key == -1) {
                    return -1;
                }
                h = (h + 1) & mask;
            }
        }

        private void put(int cp, int index) {
            if (cp < LATIN) {
                latin[cp] = index + 1;
                return;
            }
            int mask = hashKeys.length - 1;
            int h = mix(cp) & mask;
            while (hashKeys[h] != -1) {
                h = (h + 1) & mask;
            }
            hashKeys[h] = cp;
            hashValues[h] = index;
            usedSlots[hashCount++] = h;
        }

        void clear(int[] p, int from, int m) {
            for (int i = 0; i < m; i++) {
                int cp = p[from + i];
                if (cp < LATIN) {
                    latin[cp] = 0;
                }
            }
            for (int i = 0; i < hashCount; i++) {
                hashKeys[usedSlots[i]] = -1;
            }
            hashCount = 0;
        }

        private static int mix(int cp) {
            int h = cp * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
