package org.eventdedup.config.domain.rule;

import java.util.List;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.Violation;

/** A rule across several fields of a well-typed config; returns its violations instead of throwing. */
@FunctionalInterface
public interface ConfigRule {
    List<Violation> check(MatchingConfig config);
}
