package org.eventdedup.matching.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.matching.blocking.BlockingKeys;
import org.eventdedup.matching.blocking.CandidatePairs;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.scoring.DateScorer;
import org.eventdedup.matching.scoring.DescriptionScorer;
import org.eventdedup.matching.scoring.GeoScorer;
import org.eventdedup.matching.scoring.ListingPreparer;
import org.eventdedup.matching.scoring.PreparedListing;
import org.eventdedup.matching.scoring.TitleScorer;
import org.eventdedup.matching.scoring.WeightResolver;
import org.eventdedup.matching.text.Lexicon;

/**
 * The labelled candidate pairs of one tuning job, each with the evidence behind its four signals in primitive
 * columns (about 60 bytes a pair): listings are prepared and blocked once, the expensive string similarities are
 * computed once, and every trial config only re-combines these columns. Only pairs whose two listings are labelled
 * are kept. Also holds the split of the labelled listings into folds: connected groups (the truth's entities and
 * pairs as a graph) never straddle two folds, so a fold's same-event pairs are never seen while training for it.
 */
final class SignalColumns {

    final int size;
    /** Date evidence; {@code union == 0} when the two listings share no day (date signal 0). */
    final int[] overlap;
    final int[] union;
    final int[] sameTime;
    final int[] closeTime;
    final int[] farTime;
    final int[] gapTime;
    /** Geo signal, {@link GeoScorer#NEUTRAL} when a point is missing or untrusted. */
    final double[] geo;
    final double[] titlePrimary;
    final double[] titleSecondary;
    final boolean[] crossSourceType;
    final double[] description;
    /** 0: {@code scoring}; i + 1: the override of {@code categories.get(i)}. */
    final byte[] weightGroup;
    final boolean[] same;
    final int[] foldA;
    final int[] foldB;

    /** Categories with an override in the current config, in priority order. */
    final List<String> categories;
    /** Labelled same-event candidate pairs per weight group. */
    final int[] truePairsPerGroup;
    /** Same-event pairs per fold among the input's listings, blocked or not (unblocked ones are always missed). */
    final long[] truePairsPerFold;
    final int folds;
    final int labelledListings;
    final int groups;
    final long candidatePairs;

    private SignalColumns(int capacity, List<String> categories, int folds, int labelledListings, int groups,
                          long candidatePairs) {
        this.size = capacity;
        overlap = new int[capacity];
        union = new int[capacity];
        sameTime = new int[capacity];
        closeTime = new int[capacity];
        farTime = new int[capacity];
        gapTime = new int[capacity];
        geo = new double[capacity];
        titlePrimary = new double[capacity];
        titleSecondary = new double[capacity];
        crossSourceType = new boolean[capacity];
        description = new double[capacity];
        weightGroup = new byte[capacity];
        same = new boolean[capacity];
        foldA = new int[capacity];
        foldB = new int[capacity];
        this.categories = List.copyOf(categories);
        this.truePairsPerGroup = new int[categories.size() + 1];
        this.truePairsPerFold = new long[folds];
        this.folds = folds;
        this.labelledListings = labelledListings;
        this.groups = groups;
        this.candidatePairs = candidatePairs;
    }

    long truePairs() {
        return Arrays.stream(truePairsPerFold).sum();
    }

    /**
     * Prepares, blocks and scores the evidence of every labelled candidate pair under {@code config} (its blocking,
     * time windows, geo distances and categories stay fixed; the tuner varies only what re-combines these columns).
     */
    static SignalColumns extract(List<Listing> listings, GroundTruth truth, MatchingConfig config, Lexicon lexicon,
                                 int folds, long seed, Parallel parallel) {
        ListingPreparer preparer = new ListingPreparer(lexicon, config);
        PreparedListing[] prepared = new PreparedListing[listings.size()];
        parallel.forRange(listings.size(), 256, (from, to) -> {
            for (int i = from; i < to; i++) {
                prepared[i] = preparer.prepare(listings.get(i));
            }
        });
        CandidatePairs pairs = CandidatePairs.generate(Arrays.asList(prepared), new BlockingKeys(config.blocking()));
        List<PreparedListing> sorted = pairs.listings();

        Map<String, Integer> index = new HashMap<>(sorted.size() * 2);
        for (int i = 0; i < sorted.size(); i++) {
            index.put(sorted.get(i).id(), i);
        }
        Components components = Components.of(sorted.size(), index, truth);
        int[] foldOf = components.assignFolds(folds, seed);

        WeightResolver weights = new WeightResolver(config.scoring(), config.categoryWeights());
        List<String> categories = weights.categories();
        // labels first (cheap), so only labelled pairs are scored and kept, in candidate order
        int[] kept = new int[pairs.size()];
        int size = 0;
        for (int k = 0; k < pairs.size(); k++) {
            if (foldOf[pairs.firstIndex(k)] >= 0 && foldOf[pairs.secondIndex(k)] >= 0) {
                kept[size++] = k;
            }
        }
        SignalColumns c = new SignalColumns(size, categories, folds, components.labelled(), components.count(),
                pairs.size());
        for (IdPair pair : truth.pairs()) {
            Integer a = index.get(pair.a());
            Integer b = index.get(pair.b());
            if (a != null && b != null) {
                c.truePairsPerFold[foldOf[a]]++;
            }
        }
        DateScorer date = new DateScorer(config.date());
        GeoScorer geo = new GeoScorer(config.geo());
        DescriptionScorer description = new DescriptionScorer();
        int keptCount = size;
        parallel.forRange(keptCount, 2048, (from, to) -> {
            for (int slot = from; slot < to; slot++) {
                int k = kept[slot];
                int ia = pairs.firstIndex(k);
                int ib = pairs.secondIndex(k);
                PreparedListing a = sorted.get(ia);
                PreparedListing b = sorted.get(ib);
                DateScorer.DateEvidence d = date.evidence(a, b);
                if (d != null) {
                    c.overlap[slot] = d.overlap();
                    c.union[slot] = d.union();
                    c.sameTime[slot] = d.sameTime();
                    c.closeTime[slot] = d.closeTime();
                    c.farTime[slot] = d.farTime();
                    c.gapTime[slot] = d.gapTime();
                }
                c.geo[slot] = geo.evidence(a, b);
                c.titlePrimary[slot] = TitleScorer.primary(a, b);
                c.titleSecondary[slot] = TitleScorer.secondary(a, b);
                c.crossSourceType[slot] = TitleScorer.isCrossSourceTypePair(a.sourceType(), b.sourceType());
                c.description[slot] = description.score(a, b);
                String category = weights.category(a, b);
                c.weightGroup[slot] = (byte) (category == null ? 0 : categories.indexOf(category) + 1);
                c.same[slot] = truth.pairs().contains(new IdPair(a.id(), b.id()));
                c.foldA[slot] = foldOf[ia];
                c.foldB[slot] = foldOf[ib];
            }
        });
        for (int slot = 0; slot < keptCount; slot++) {
            if (c.same[slot]) {
                c.truePairsPerGroup[c.weightGroup[slot]]++;
            }
        }
        return c;
    }

    /** Connected groups of the labelled listings that are in the input. */
    private record Components(int[] root, int labelled, int count) {

        static Components of(int n, Map<String, Integer> index, GroundTruth truth) {
            int[] parent = new int[n];
            Arrays.fill(parent, -1); // -1: not labelled
            int labelled = 0;
            for (String id : truth.listings()) {
                Integer i = index.get(id);
                if (i != null && parent[i] == -1) {
                    parent[i] = i;
                    labelled++;
                }
            }
            for (IdPair pair : truth.pairs()) {
                Integer a = index.get(pair.a());
                Integer b = index.get(pair.b());
                if (a != null && b != null) {
                    int ra = find(parent, a);
                    int rb = find(parent, b);
                    if (ra != rb) {
                        parent[Math.max(ra, rb)] = Math.min(ra, rb);
                    }
                }
            }
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (parent[i] >= 0) {
                    parent[i] = find(parent, i);
                    if (parent[i] == i) {
                        count++;
                    }
                }
            }
            return new Components(parent, labelled, count);
        }

        private static int find(int[] parent, int i) {
            int r = i;
            while (parent[r] != r) {
                r = parent[r];
            }
            while (parent[i] != r) {
                int next = parent[i];
                parent[i] = r;
                i = next;
            }
            return r;
        }

        /**
         * The fold of every listing (-1 when unlabelled): groups in a seeded random order, largest first, each to
         * the fold with the fewest listings so far, so folds are balanced and the split is reproducible.
         */
        int[] assignFolds(int folds, long seed) {
            int n = root.length;
            int[] groupSize = new int[n];
            for (int i = 0; i < n; i++) {
                if (root[i] >= 0) {
                    groupSize[root[i]]++;
                }
            }
            List<Integer> roots = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (root[i] == i) {
                    roots.add(i);
                }
            }
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = roots.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = roots.get(i);
                roots.set(i, roots.get(j));
                roots.set(j, t);
            }
            roots.sort((x, y) -> Integer.compare(groupSize[y], groupSize[x])); // stable: shuffled order breaks ties
            int[] foldOfRoot = new int[n];
            long[] load = new long[folds];
            for (int r : roots) {
                int lightest = 0;
                for (int f = 1; f < folds; f++) {
                    if (load[f] < load[lightest]) {
                        lightest = f;
                    }
                }
                foldOfRoot[r] = lightest;
                load[lightest] += groupSize[r];
            }
            int[] fold = new int[n];
            for (int i = 0; i < n; i++) {
                fold[i] = root[i] < 0 ? -1 : foldOfRoot[root[i]];
            }
            return fold;
        }
    }
}
