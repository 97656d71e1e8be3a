package org.eventdedup.worker.query;

import java.util.List;
import java.util.Objects;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.worker.port.QualitySource;

/**
 * Precision, recall and F1 of the current config's pairwise decisions (stored {@code match} decisions, as
 * {@code evaluate} scores pairs) against imported truth joined by labels. Not of the canonical events: labels bind
 * those, so they would agree with every label by construction.
 */
public final class MeasureQuality {

    private final QualitySource source;

    public MeasureQuality(QualitySource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    public QualityFigures measure() {
        QualitySource.Snapshot snapshot = source.read();
        GroundTruth truth = snapshot.truth();
        int truePairs = truth.pairs().size();
        if (truth.isEmpty()) {
            return new QualityFigures(null, null, null, truePairs, snapshot.labels(), snapshot.importedPairs());
        }
        long tp = 0;
        long fp = 0;
        for (IdPair match : snapshot.matches()) {
            Boolean same = truth.label(match);
            if (same == Boolean.TRUE) {
                tp++;
            } else if (same == Boolean.FALSE) {
                fp++;
            }
        }
        long fn = truePairs - tp;
        double precision = tp + fp == 0 ? 0.0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new QualityFigures(precision, recall, f1, truePairs, snapshot.labels(), snapshot.importedPairs());
    }
}
