package org.eventdedup.offline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.evaluation.PairMetrics;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.pipeline.MatchResult;
import org.eventdedup.matching.pipeline.MatchStats;

/**
 * The figures of one evaluation of an engine run against labelled truth.
 *
 * <ul>
 *   <li><b>pairs</b>: the pairs whose final decision is {@code match} (B §12, multi-signal mode, but over all pairs,
 *       same-source ones included).</li>
 *   <li><b>clusters</b>: every pair of listings inside one cluster of the output, valid <em>and</em> flagged
 *       clusters alike (a flagged cluster is still a predicted group, only marked for review), so transitive merges
 *       count.</li>
 * </ul>
 * True pairs naming a listing that is not in the input are left out ({@code droppedTruePairs}), so evaluating a
 * subset of the files is fair.
 */
public record Evaluation(PairMetrics pairs, PairMetrics clusters, MatchStats stats, int truePairs,
                         int droppedTruePairs) {

    public static Evaluation of(MatchResult result, List<Listing> listings, GroundTruth truth) {
        Set<String> ids = new HashSet<>(listings.size() * 2);
        for (Listing listing : listings) {
            ids.add(listing.id());
        }
        Set<IdPair> truePairs = truth.restrictedTo(ids);

        Set<IdPair> matched = new HashSet<>();
        for (PairDecision d : result.decisions()) {
            if (d.decision() == Decision.MATCH) {
                matched.add(new IdPair(d.a(), d.b()));
            }
        }
        Set<IdPair> clustered = new HashSet<>();
        addPairsWithin(result.clusters(), clustered);
        addPairsWithin(result.flagged(), clustered);

        return new Evaluation(PairMetrics.of(matched, truePairs), PairMetrics.of(clustered, truePairs),
                result.stats(), truePairs.size(), truth.pairs().size() - truePairs.size());
    }

    /** Member lists are sorted by id, so (i, j) with i < j is already in pair order. */
    private static void addPairsWithin(List<List<String>> clusters, Set<IdPair> pairs) {
        for (List<String> members : clusters) {
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    pairs.add(new IdPair(members.get(i), members.get(j)));
                }
            }
        }
    }
}
