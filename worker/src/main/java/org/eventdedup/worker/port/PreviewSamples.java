package org.eventdedup.worker.port;

import java.util.List;
import java.util.Map;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.model.Listing;

/** What the impact preview reads, in one consistent read-only view, never writing. */
public interface PreviewSamples {

    /** Tokens per call measured for one model (or all): input, output (thinking included) and calls. */
    record TokenHistory(long input, long output, long calls) {
    }

    /**
     * @param listings the most recent stored listings plus both listings of every stored same-event pair and of
     *                 every label
     * @param truth    the stored ground truth joined by the labels (empty when there is neither)
     * @param byModel  measured tokens of the models asked for that have any
     * @param all      measured tokens of every model
     */
    record Sample(List<Listing> listings, GroundTruth truth, Map<String, TokenHistory> byModel, TokenHistory all) {
        public Sample {
            listings = List.copyOf(listings);
            byModel = Map.copyOf(byModel);
        }

        /** The model's own history, else every model's. */
        public TokenHistory tokens(String model) {
            TokenHistory own = byModel.get(model);
            return own != null ? own : all;
        }
    }

    /** @param recent how many of the most recently ingested listings (by ingestion order) */
    Sample read(int recent, List<String> models);
}
