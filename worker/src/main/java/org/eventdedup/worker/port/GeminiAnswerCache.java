package org.eventdedup.worker.port;

import java.util.Optional;

/**
 * Gemini's raw answers by pair content and model (matching-spec B §7.5, Part A 10), so a pair asked once is not
 * paid for again. Raw means before the confidence gate: a changed {@code ai.confidence_threshold} needs no new call.
 *
 * <p>Keyed by {@code pairHash} and model: an answer of another model is a miss, so switching the model asks again,
 * and answers of both models are kept; a {@link #put} for the same content and model replaces the earlier answer
 * (PostgreSQL: {@code ai_match_cache} unique on {@code (pair_hash, model)}). Implementations must be safe for
 * concurrent use; the resolver treats a throwing cache as a miss and carries on without it.
 */
public interface GeminiAnswerCache {

    /** The answer stored for this content, if it was given by {@code model}. */
    Optional<CachedAnswer> get(String pairHash, String model);

    /** Stores or replaces the answer for {@link CachedAnswer#pairHash()}. */
    void put(CachedAnswer answer);
}
