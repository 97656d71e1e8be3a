package org.eventdedup.matching.port;

import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;

/** An ambiguous pair inside the AI score window, with both listings for the prompt. */
public record AiCandidate(PairDecision decision, Listing a, Listing b) {
}
