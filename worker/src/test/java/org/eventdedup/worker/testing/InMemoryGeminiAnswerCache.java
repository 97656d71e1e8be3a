package org.eventdedup.worker.testing;

import org.eventdedup.worker.port.CachedAnswer;
import org.eventdedup.worker.port.GeminiAnswerCache;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link GeminiAnswerCache} in memory, for tests and for running without the worker tables; lost on restart. */
public final class InMemoryGeminiAnswerCache implements GeminiAnswerCache {

    private final ConcurrentMap<String, CachedAnswer> byHash = new ConcurrentHashMap<>();

    @Override
    public Optional<CachedAnswer> get(String pairHash, String model) {
        Objects.requireNonNull(model, "model");
        CachedAnswer answer = byHash.get(Objects.requireNonNull(pairHash, "pairHash"));
        return answer != null && answer.model().equals(model) ? Optional.of(answer) : Optional.empty();
    }

    @Override
    public void put(CachedAnswer answer) {
        byHash.put(answer.pairHash(), answer);
    }

    public int size() {
        return byHash.size();
    }
}
