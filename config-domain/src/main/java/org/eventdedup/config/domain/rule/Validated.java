package org.eventdedup.config.domain.rule;

import java.util.List;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.Violation;

/** A bound and checked document: either a config (no violations) or every violation found. */
public record Validated(MatchingConfig config, List<Violation> violations) {
    public Validated {
        violations = List.copyOf(violations);
    }

    public boolean isValid() {
        return violations.isEmpty();
    }
}
