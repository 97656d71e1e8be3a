package org.eventdedup.matching.ai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.matching.port.AiCandidate;
import org.eventdedup.matching.port.AiVerdict;
import org.eventdedup.matching.port.AmbiguousPairResolver;

/** In-memory resolver: answers pairs from a table, records every call; pairs without an answer are left out. */
final class FakePairResolver implements AmbiguousPairResolver {
    private final Map<String, AiVerdict> answers = new HashMap<>();
    private final List<AiVerdict> extraVerdicts = new ArrayList<>();
    final List<List<AiCandidate>> calls = new ArrayList<>();
    RuntimeException failure;
    AiConfig lastConfig;
    SecretString lastKey;

    FakePairResolver answer(String a, String b, String decision, double confidence) {
        answers.put(a + "|" + b, new AiVerdict(a, b, decision, confidence));
        return this;
    }

    /** A verdict returned whatever was asked (e.g. for a pair that was never a candidate). */
    FakePairResolver alsoReturn(AiVerdict verdict) {
        extraVerdicts.add(verdict);
        return this;
    }

    FakePairResolver failWith(RuntimeException e) {
        failure = e;
        return this;
    }

    @Override
    public List<AiVerdict> resolve(List<AiCandidate> candidates, AiConfig config, SecretString apiKey) {
        calls.add(candidates);
        lastConfig = config;
        lastKey = apiKey;
        if (failure != null) {
            throw failure;
        }
        List<AiVerdict> verdicts = new ArrayList<>();
        for (AiCandidate candidate : candidates) {
            AiVerdict verdict = answers.get(candidate.decision().a() + "|" + candidate.decision().b());
            if (verdict != null) {
                verdicts.add(verdict);
            }
        }
        verdicts.addAll(extraVerdicts);
        return verdicts;
    }
}
