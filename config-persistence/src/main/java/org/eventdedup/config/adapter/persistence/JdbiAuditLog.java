package org.eventdedup.config.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.eventdedup.config.domain.port.in.ReadAuditLogUseCase;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The audit log ({@code V15__audit_log.sql}): read newest first by id, and written by the repositories of this
 * module inside the transaction of the change each row records ({@link #write}).
 */
final class JdbiAuditLog implements ReadAuditLogUseCase {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() { };

    private final Jdbi jdbi;

    JdbiAuditLog(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public List<AuditRecord> page(int limit, Long before) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, at, actor, action, target, details::text AS details"
                        + " FROM audit_log WHERE (CAST(:before AS bigint) IS NULL OR id < :before)"
                        + " ORDER BY id DESC LIMIT :limit")
                .bind("before", before).bind("limit", limit)
                .map((rs, ctx) -> new AuditRecord(rs.getLong("id"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                        rs.getString("action"), rs.getString("target"), details(rs.getString("details"))))
                .list());
    }

    /** Writes the entry on the handle of the caller's transaction. */
    static void write(Handle handle, AuditEntry entry) {
        String details;
        try {
            details = JSON.writeValueAsString(entry.details());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details are not JSON values", e);
        }
        handle.createUpdate("INSERT INTO audit_log (actor, action, target, details)"
                        + " VALUES (:actor, :action, :target, CAST(:details AS jsonb))")
                .bind("actor", entry.actor()).bind("action", entry.action()).bind("target", entry.target())
                .bind("details", details).execute();
    }

    private static LinkedHashMap<String, Object> details(String json) {
        try {
            return JSON.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit details are not readable: " + e.getOriginalMessage(), e);
        }
    }
}
