package org.eventdedup.matching.port;

import java.util.List;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.config.domain.model.SecretString;

/**
 * Resolves ambiguous pairs (the AI tier). Returns a verdict for each pair it could answer; pairs it could not answer
 * (errors, timeouts) are simply missing and stay ambiguous. Must not throw for a single failed pair.
 */
public interface AmbiguousPairResolver {

    List<AiVerdict> resolve(List<AiCandidate> candidates, AiConfig config, SecretString apiKey);

    /**
     * Like {@link #resolve}, but also reports usage (tokens, cost, cache hits) and a warning per failed pair. The
     * engine calls this one; a resolver with nothing to report need not override it.
     */
    default AiResolution resolveWithUsage(List<AiCandidate> candidates, AiConfig config, SecretString apiKey) {
        return AiResolution.of(resolve(candidates, config, apiKey));
    }

    /**
     * A resolver for one pipeline run, which may call {@link #resolveWithUsage} many times (a full re-match does so
     * day by day): state that must span the run, such as a circuit breaker for an unreachable provider, lives in it.
     */
    default AmbiguousPairResolver forOneRun() {
        return this;
    }

    /** Warnings about the run as a whole, asked once at its end (one summary instead of one line per pair). */
    default List<String> runWarnings() {
        return List.of();
    }
}
