package org.eventdedup.generator;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Which listings describe the same real event: entities ({@code E0000001 → [ids]}) and the pairs they imply. Kept
 * compactly (one int triple per listing) so that two million listings fit easily; ids are rebuilt when read. Entity
 * members and pairs come out in code-point order of the ids (ids are {@code <code>-<fixed-width number>}, so that is
 * source code order, then number order).
 */
public final class GroundTruth {

    /** The sources in code-point order of their codes: the rank used inside keys. */
    private static final Source[] BY_CODE = sortedByCode();

    private final int idWidth;
    private int[] entity = new int[1024];
    private int[] source = new int[1024];
    private int[] number = new int[1024];
    private int size;
    private int entityCount;
    private long[] byEntity;

    GroundTruth(int idWidth) {
        this.idWidth = idWidth;
    }

    static String id(Source source, int number, int width) {
        String digits = Integer.toString(number);
        StringBuilder id = new StringBuilder(source.code().length() + 1 + Math.max(width, digits.length()));
        id.append(source.code()).append('-');
        for (int i = digits.length(); i < width; i++) {
            id.append('0');
        }
        return id.append(digits).toString();
    }

    void add(int entityNumber, Source listingSource, int listingNumber) {
        if (size == entity.length) {
            entity = Arrays.copyOf(entity, size * 2);
            source = Arrays.copyOf(source, size * 2);
            number = Arrays.copyOf(number, size * 2);
        }
        entity[size] = entityNumber;
        source[size] = listingSource.ordinal();
        number[size] = listingNumber;
        size++;
        entityCount = Math.max(entityCount, entityNumber);
        byEntity = null;
    }

    public int listingCount() {
        return size;
    }

    /** Entities are numbered 1..entityCount() in the order they happened. */
    public int entityCount() {
        return entityCount;
    }

    public static String entityName(int entityNumber) {
        return String.format(java.util.Locale.ROOT, "E%07d", entityNumber);
    }

    /** Calls {@code action} for every entity in number order with its member ids in code-point order. */
    public void forEachEntity(BiConsumer<String, List<String>> action) {
        long[] sorted = sortedByEntity();
        int k = 0;
        while (k < sorted.length) {
            int e = (int) (sorted[k] >>> 40);
            int end = k;
            while (end < sorted.length && (int) (sorted[end] >>> 40) == e) {
                end++;
            }
            String[] ids = new String[end - k];
            for (int i = k; i < end; i++) {
                ids[i - k] = idOf(sorted[i]);
            }
            action.accept(entityName(e), List.of(ids));
            k = end;
        }
    }

    /** The number of same-entity pairs. */
    public long pairCount() {
        long pairs = 0;
        long[] sorted = sortedByEntity();
        int k = 0;
        while (k < sorted.length) {
            int end = k;
            while (end < sorted.length && sorted[end] >>> 40 == sorted[k] >>> 40) {
                end++;
            }
            long n = end - k;
            pairs += n * (n - 1) / 2;
            k = end;
        }
        return pairs;
    }

    /** Calls {@code action} for every same-entity pair (a before b), sorted by a then b in code-point order. */
    public void forEachPair(BiConsumer<String, String> action) {
        long[] sorted = sortedByEntity();
        long pairTotal = pairCount();
        if (pairTotal > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many truth pairs: " + pairTotal);
        }
        long[] pairs = new long[(int) pairTotal];
        int p = 0;
        int k = 0;
        while (k < sorted.length) {
            int end = k;
            while (end < sorted.length && sorted[end] >>> 40 == sorted[k] >>> 40) {
                end++;
            }
            for (int x = k; x < end; x++) {
                for (int y = x + 1; y < end; y++) {
                    pairs[p++] = (sorted[x] & KEY_MASK) << 32 | (sorted[y] & KEY_MASK);
                }
            }
            k = end;
        }
        Arrays.sort(pairs);
        for (long pair : pairs) {
            action.accept(idOfKey(pair >>> 32), idOfKey(pair & 0xFFFF_FFFFL));
        }
    }

    // entity (24 bits) << 40 | source rank (3 bits) << 28 | number (28 bits): sorting gives entity, then id order;
    // a key stays below 2^31, so a pair (key << 32 | key) is a positive long and sorts as (a, b)
    private static final long KEY_MASK = (1L << 31) - 1;

    private long[] sortedByEntity() {
        if (byEntity == null) {
            int[] rank = sourceRanks();
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                keys[i] = (long) entity[i] << 40 | (long) rank[source[i]] << 28 | number[i];
            }
            Arrays.sort(keys);
            byEntity = keys;
        }
        return byEntity;
    }

    private static Source[] sortedByCode() {
        Source[] byCode = Source.values().clone();
        Arrays.sort(byCode, (x, y) -> x.code().compareTo(y.code()));
        return byCode;
    }

    /** Source ordinal → rank of its code in code-point order. */
    private static int[] sourceRanks() {
        int[] rank = new int[BY_CODE.length];
        for (int i = 0; i < BY_CODE.length; i++) {
            rank[BY_CODE[i].ordinal()] = i;
        }
        return rank;
    }

    private String idOf(long key) {
        return idOfKey(key & KEY_MASK);
    }

    private String idOfKey(long key) {
        return id(BY_CODE[(int) (key >>> 28)], (int) (key & ((1L << 28) - 1)), idWidth);
    }
}
