package org.eventdedup.matching.ai;

import java.util.List;
import java.util.Objects;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.port.AiUsage;

/**
 * What the AI tier did to one run's decisions.
 *
 * @param decisions      all decisions in their original order, candidates replaced by their applied verdicts
 * @param status         why the tier did or did not run
 * @param candidateCount ambiguous pairs inside the AI window that were handed to the resolver
 * @param verdictCount   candidates the resolver answered
 * @param changedCount   candidates whose decision (match / ambiguous / no_match) changed; when 0, clustering and
 *                       synthesis need not run again (B §7.7)
 * @param warnings       problems worth showing on the run: the resolver's per-pair warnings first, then the tier's
 *                       own (resolver failure, verdicts for unknown pairs)
 * @param usage          what the resolver reported using (calls, cache hits, tokens, cost); {@link AiUsage#NONE}
 *                       when it was not called or reports nothing
 */
public record AiTierResult(List<PairDecision> decisions, Status status, int candidateCount, int verdictCount,
                           int changedCount, List<String> warnings, AiUsage usage) {

    public enum Status {
        /** {@code ai.enabled} is false. */
        DISABLED,
        /** Enabled, but no API key is configured. */
        NO_API_KEY,
        /** No ambiguous decision inside the window: the resolver was not called. */
        NO_CANDIDATES,
        /** The resolver was called and its verdicts were applied. */
        RESOLVED,
        /** The resolver threw: every candidate stays as it was. */
        RESOLVER_FAILED
    }

    public AiTierResult {
        decisions = List.copyOf(decisions);
        Objects.requireNonNull(status, "status");
        warnings = List.copyOf(warnings);
        usage = Objects.requireNonNullElse(usage, AiUsage.NONE);
    }

    /** Without usage (the shape before the resolver reported any). */
    public AiTierResult(List<PairDecision> decisions, Status status, int candidateCount, int verdictCount,
                        int changedCount, List<String> warnings) {
        this(decisions, status, candidateCount, verdictCount, changedCount, warnings, AiUsage.NONE);
    }

    public boolean decisionsChanged() {
        return changedCount > 0;
    }
}
