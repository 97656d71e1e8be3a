package org.eventdedup.matching.port;

/**
 * The AI's raw answer for a pair: {@code decision} as sent by the model (expected "same" or "different"), its
 * confidence in [0, 1]. The engine applies {@code ai.confidence_threshold} itself, so cached raw answers stay valid
 * when the threshold changes. {@code cached} is true when the answer came from the answer cache instead of a call.
 */
public record AiVerdict(String a, String b, String decision, double confidence, boolean cached) {

    /** A fresh (not cached) answer. */
    public AiVerdict(String a, String b, String decision, double confidence) {
        this(a, b, decision, confidence, false);
    }
}
