package org.eventdedup.worker.port;

import java.util.List;
import java.util.Objects;
import org.eventdedup.matching.evaluation.GroundTruth;

/** What the quality figures read, in one consistent view: the ground truth and the stored canonical events. */
public interface QualitySource {

    /**
     * @param truth         the imported truth joined by the labels (label wins)
     * @param events        listing ids of every stored canonical event of two or more listings
     * @param labels        how many labels there are
     * @param importedPairs how many same-event pairs were imported
     */
    record Snapshot(GroundTruth truth, List<List<String>> events, int labels, int importedPairs) {
        public Snapshot {
            Objects.requireNonNull(truth, "truth");
            events = List.copyOf(events);
        }
    }

    Snapshot read();
}
