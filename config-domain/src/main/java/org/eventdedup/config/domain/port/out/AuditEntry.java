package org.eventdedup.config.domain.port.out;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the audit log, written by a repository in the transaction of the change it records.
 *
 * @param action  dotted verb: {@code config.save}, {@code config.rollback}, {@code ai_key.set},
 *                {@code ai_key.removed}, {@code operator.created}, {@code operator.changed}
 * @param target  what it acted on, may be null
 * @param details JSON-like values (null, Boolean, Number, String, List, Map); never a secret
 */
public record AuditEntry(String actor, String action, String target, Map<String, Object> details) {
    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        // values may be null (a change from or to nothing), which Map.copyOf refuses
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
