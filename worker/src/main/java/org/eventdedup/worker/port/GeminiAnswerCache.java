package org.eventdedup.worker.port;

import java.util.Optional;

/**
 * Gemini's raw answers by pair content and model (matching-spec B §7.5, Part A 10), so a pair asked once is not
 * paid for again. Raw means before the confidence gate: a changed {@code ai.confidence_threshold} needs no new call.
 *
 * <p>Keyed by {@code pairHash}; the model is part of the key in that a row of another model is a miss, and a
 * {@link #put} for a new model replaces it rather than being dropped (the earlier service kept the stale row). A
 * PostgreSQL implementation maps this onto {@code ai_match_cache} with {@code pair_hash} unique and
 * {@code INSERT ... ON CONFLICT (pair_hash) DO UPDATE}. Implementations must be safe for concurrent use; the
 * resolver treats a throwing cache as a miss and carries on without it.
 */
public interface GeminiAnswerCache {

    /** The answer stored for this content, if it was given by {@code model}. */
    Optional<CachedAnswer> get(String pairHash, String model);

    /** Stores or replaces the answer for {@link CachedAnswer#pairHash()}. */
    void put(CachedAnswer answer);
}
