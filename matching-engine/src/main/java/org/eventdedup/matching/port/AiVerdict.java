package org.eventdedup.matching.port;

/**
 * The AI's raw answer for a pair: {@code decision} as sent by the model (expected "same" or "different"), its
 * confidence in [0, 1]. The engine applies {@code ai.confidence_threshold} itself, so cached raw answers stay valid
 * when the threshold changes.
 */
public record AiVerdict(String a, String b, String decision, double confidence) {
}
