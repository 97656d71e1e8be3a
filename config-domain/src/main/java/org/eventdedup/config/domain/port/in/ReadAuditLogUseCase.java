package org.eventdedup.config.domain.port.in;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The audit log of every operator action, newest first. Implemented by {@code JdbiAuditLog} (a read needs no domain
 * logic).
 */
public interface ReadAuditLogUseCase {

    /** One logged action; {@code details} as stored (never a secret). */
    record AuditRecord(long id, Instant at, String actor, String action, String target, Map<String, Object> details) {
        public AuditRecord {
            Objects.requireNonNull(at, "at");
            details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }

    /** At most {@code limit} entries, newest (highest id) first, only ids below {@code before} when it is not null. */
    List<AuditRecord> page(int limit, Long before);
}
