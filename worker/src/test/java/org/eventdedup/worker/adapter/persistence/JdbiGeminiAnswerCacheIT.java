package org.eventdedup.worker.adapter.persistence;

import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.port.GeminiAnswerCache;
import org.eventdedup.worker.port.GeminiAnswerCacheContract;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabaseExtension.class)
class JdbiGeminiAnswerCacheIT extends GeminiAnswerCacheContract {

    private final Jdbi jdbi;

    JdbiGeminiAnswerCacheIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(h -> h.execute("TRUNCATE ai_match_cache"));
    }

    @Override
    protected GeminiAnswerCache cache() {
        return new JdbiGeminiAnswerCache(jdbi);
    }
}
