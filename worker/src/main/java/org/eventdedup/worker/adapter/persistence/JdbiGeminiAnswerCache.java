package org.eventdedup.worker.adapter.persistence;

import java.util.Objects;
import java.util.Optional;
import org.eventdedup.worker.port.CachedAnswer;
import org.eventdedup.worker.port.GeminiAnswerCache;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link GeminiAnswerCache} on {@code ai_match_cache} (unique by pair hash and model): an answer of another model is
 * a miss, and a new answer for the same content and model replaces the old one. Each call uses its own short
 * connection, outside the run's transaction, so an answer that was paid for is kept even when the run fails.
 */
public final class JdbiGeminiAnswerCache implements GeminiAnswerCache {

    private final Jdbi jdbi;

    public JdbiGeminiAnswerCache(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<CachedAnswer> get(String pairHash, String model) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT pair_hash, model, event_id_a, event_id_b, decision, confidence, reasoning
                          FROM ai_match_cache WHERE pair_hash = :hash AND model = :model""")
                .bind("hash", pairHash).bind("model", model)
                .map((rs, ctx) -> new CachedAnswer(rs.getString("pair_hash"), rs.getString("model"),
                        rs.getString("event_id_a"), rs.getString("event_id_b"), rs.getString("decision"),
                        rs.getDouble("confidence"), rs.getString("reasoning")))
                .findOne());
    }

    @Override
    public void put(CachedAnswer answer) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO ai_match_cache (pair_hash, model, event_id_a, event_id_b, decision, confidence,
                                                    reasoning)
                        VALUES (:hash, :model, :a, :b, :decision, :confidence, :reasoning)
                        ON CONFLICT (pair_hash, model) DO UPDATE SET event_id_a = EXCLUDED.event_id_a,
                               event_id_b = EXCLUDED.event_id_b, decision = EXCLUDED.decision,
                               confidence = EXCLUDED.confidence, reasoning = EXCLUDED.reasoning,
                               created_at = now()""")
                .bind("hash", answer.pairHash()).bind("model", answer.model()).bind("a", answer.eventIdA())
                .bind("b", answer.eventIdB()).bind("decision", answer.decision())
                .bind("confidence", answer.confidence()).bind("reasoning", answer.reasoning()).execute());
    }
}
