package org.eventdedup.worker.port;

import org.eventdedup.worker.testing.InMemoryGeminiAnswerCache;
import org.junit.jupiter.api.BeforeEach;

class InMemoryGeminiAnswerCacheTest extends GeminiAnswerCacheContract {

    private GeminiAnswerCache cache;

    @BeforeEach
    void empty() {
        cache = new InMemoryGeminiAnswerCache();
    }

    @Override
    protected GeminiAnswerCache cache() {
        return cache;
    }
}
