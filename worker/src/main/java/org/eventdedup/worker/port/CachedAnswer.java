package org.eventdedup.worker.port;

import java.util.Objects;

/**
 * One cached Gemini answer (a row of {@code ai_match_cache}, B §7.5). The ids are those of the pair that was asked;
 * a hit may serve another pair with the same content. {@code decision} is {@code same} or {@code different}.
 */
public record CachedAnswer(String pairHash, String model, String eventIdA, String eventIdB, String decision,
                           double confidence, String reasoning) {

    public CachedAnswer {
        Objects.requireNonNull(pairHash, "pairHash");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(eventIdA, "eventIdA");
        Objects.requireNonNull(eventIdB, "eventIdB");
        Objects.requireNonNull(decision, "decision");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
    }
}
