package org.eventdedup.worker.testing;

import org.eventdedup.worker.port.CachedAnswer;
import org.eventdedup.worker.port.GeminiAnswerCache;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link GeminiAnswerCache} in memory, for tests; keeps the contract of the PostgreSQL cache. */
public final class InMemoryGeminiAnswerCache implements GeminiAnswerCache {

    private final ConcurrentMap<String, CachedAnswer> byHash = new ConcurrentHashMap<>();

    @Override
    public Optional<CachedAnswer> get(String pairHash, String model) {
        Objects.requireNonNull(model, "model");
        return Optional.ofNullable(byHash.get(key(Objects.requireNonNull(pairHash, "pairHash"), model)));
    }

    @Override
    public void put(CachedAnswer answer) {
        byHash.put(key(answer.pairHash(), answer.model()), answer);
    }

    /** Unique by content and model, like {@code ai_match_cache}. */
    private static String key(String pairHash, String model) {
        return pairHash + '\u0000' + model;
    }

    public int size() {
        return byHash.size();
    }
}
