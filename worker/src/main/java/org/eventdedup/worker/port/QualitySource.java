package org.eventdedup.worker.port;

import java.util.List;
import java.util.Objects;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;

/** What the quality figures read, in one consistent view: the ground truth and the stored match decisions. */
public interface QualitySource {

    /**
     * @param truth         the imported truth joined by the labels (label wins)
     * @param matches       every pair the stored decisions call {@code match}: what the config decided, before
     *                      labels bind the canonical events (measuring those would score the labels against
     *                      themselves)
     * @param labels        how many labels there are
     * @param importedPairs how many same-event pairs were imported
     */
    record Snapshot(GroundTruth truth, List<IdPair> matches, int labels, int importedPairs) {
        public Snapshot {
            Objects.requireNonNull(truth, "truth");
            matches = List.copyOf(matches);
        }
    }

    Snapshot read();
}
