package org.eventdedup.worker.preview;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.matching.port.AiCandidate;
import org.eventdedup.matching.port.AiResolution;
import org.eventdedup.matching.port.AiVerdict;
import org.eventdedup.matching.port.AmbiguousPairResolver;

/**
 * The preview's AI tier: counts the pairs the engine would send to Gemini and answers none of them, so every
 * candidate stays as the deterministic tiers left it and nothing leaves the process.
 */
final class RecordingResolver implements AmbiguousPairResolver {
    private final AtomicInteger asked = new AtomicInteger();

    @Override
    public List<AiVerdict> resolve(List<AiCandidate> candidates, AiConfig config, SecretString apiKey) {
        asked.addAndGet(candidates.size());
        return List.of();
    }

    @Override
    public AiResolution resolveWithUsage(List<AiCandidate> candidates, AiConfig config, SecretString apiKey) {
        return AiResolution.of(resolve(candidates, config, apiKey));
    }

    int asked() {
        return asked.get();
    }
}
