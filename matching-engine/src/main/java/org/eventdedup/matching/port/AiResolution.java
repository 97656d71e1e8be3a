package org.eventdedup.matching.port;

import java.util.List;
import java.util.Objects;

/**
 * Everything one resolver call produced: the verdicts it could give, what it used, and a warning for each pair it
 * could not answer (to be shown on the run; never containing the API key).
 */
public record AiResolution(List<AiVerdict> verdicts, AiUsage usage, List<String> warnings) {

    public AiResolution {
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
        usage = Objects.requireNonNullElse(usage, AiUsage.NONE);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Verdicts only, from a resolver that reports neither usage nor warnings. */
    public static AiResolution of(List<AiVerdict> verdicts) {
        return new AiResolution(verdicts, AiUsage.NONE, List.of());
    }
}
