package org.eventdedup.worker.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.worker.port.LabelStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Labels in PostgreSQL ({@code V16__pair_labels.sql}), each change with its audit row ({@code audit_log}). */
public final class JdbiLabelStore implements LabelStore {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "a, b, label, note, labelled_by, labelled_at";

    private final Jdbi jdbi;
    private final Clock clock;

    public JdbiLabelStore(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<PairLabel> put(List<NewLabel> labels, String operator, AuditEntry audit,
                               List<EventVersion> unchanged) {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(audit, "audit");
        // PostgreSQL keeps microseconds: truncate so the returned label equals the one read back later.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return jdbi.inTransaction(handle -> {
            checkUnchanged(handle, unchanged);
            List<PairLabel> stored = new ArrayList<>(labels.size());
            for (NewLabel label : labels) {
                long revision = recordChange(handle, label.pair());
                handle.createUpdate("""
                                INSERT INTO pair_labels (a, b, label, note, labelled_by, labelled_at, revision)
                                VALUES (:a, :b, :label, :note, :by, :at, :revision)
                                ON CONFLICT (a, b) DO UPDATE SET label = EXCLUDED.label, note = EXCLUDED.note,
                                    labelled_by = EXCLUDED.labelled_by, labelled_at = EXCLUDED.labelled_at,
                                    revision = EXCLUDED.revision""")
                        .bind("a", label.pair().a()).bind("b", label.pair().b())
                        .bind("label", label.verdict().wire()).bind("note", label.note())
                        .bind("by", operator).bind("at", at).bind("revision", revision).execute();
                stored.add(new PairLabel(label.pair(), label.verdict(), label.note(), operator, now));
            }
            audit(handle, audit);
            return stored;
        });
    }

    /**
     * FOR SHARE: a run that changed one of the events and has not committed yet is waited for (its new version is then
     * seen), and none can change them until these labels are committed.
     */
    private static void checkUnchanged(Handle handle, List<EventVersion> unchanged) {
        if (unchanged.isEmpty()) {
            return;
        }
        Map<Long, Integer> stored = new HashMap<>();
        handle.createQuery("SELECT id, version FROM canonical_events WHERE id = ANY(CAST(:ids AS bigint[])) FOR SHARE")
                .bind("ids", unchanged.stream().map(EventVersion::id).toArray(Long[]::new))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getInt(2)))
                .forEach(e -> stored.put(e.getKey(), e.getValue()));
        for (EventVersion read : unchanged) {
            Integer now = stored.get(read.id());
            if (now == null || now != read.version()) {
                throw new EventChangedException(read.id(), read.version(), now);
            }
        }
    }

    @Override
    public Optional<PairLabel> remove(IdPair pair, AuditEntry audit) {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(audit, "audit");
        return jdbi.inTransaction(handle -> {
            Optional<PairLabel> removed = handle.createQuery(
                            "DELETE FROM pair_labels WHERE a = :a AND b = :b RETURNING " + COLUMNS)
                    .bind("a", pair.a()).bind("b", pair.b()).map((rs, ctx) -> label(rs)).findOne();
            if (removed.isPresent()) {
                recordChange(handle, pair);
                audit(handle, audit);
            }
            return removed;
        });
    }

    @Override
    public Optional<PairLabel> find(IdPair pair) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM pair_labels WHERE a = :a AND b = :b")
                .bind("a", pair.a()).bind("b", pair.b()).map((rs, ctx) -> label(rs)).findOne());
    }

    @Override
    public List<PairLabel> page(int limit, int offset) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM pair_labels ORDER BY labelled_at DESC, a, b LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset).map((rs, ctx) -> label(rs)).list());
    }

    @Override
    public int count() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM pair_labels")
                .mapTo(Integer.class).one());
    }

    @Override
    public List<PairLabel> all() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM pair_labels ORDER BY a, b")
                .map((rs, ctx) -> label(rs)).list());
    }

    @Override
    public Changes changesSince(long revision) {
        return jdbi.inTransaction(handle -> {
            Set<IdPair> pairs = new HashSet<>();
            long[] newest = {revision};
            handle.createQuery("SELECT revision, a, b FROM label_changes WHERE revision > :revision")
                    .bind("revision", revision)
                    .map((rs, ctx) -> {
                        newest[0] = Math.max(newest[0], rs.getLong(1));
                        return new IdPair(rs.getString(2), rs.getString(3));
                    })
                    .forEach(pairs::add);
            return new Changes(newest[0], pairs);
        });
    }

    @Override
    public Set<String> unknownListings(Collection<String> ids) {
        Set<String> unknown = new HashSet<>(ids);
        jdbi.useHandle(handle -> handle.createQuery("SELECT id FROM source_events WHERE id = ANY(CAST(:ids AS text[]))")
                .bind("ids", ids.toArray(String[]::new)).mapTo(String.class).forEach(unknown::remove));
        return unknown;
    }

    private static long recordChange(Handle handle, IdPair pair) {
        return handle.createQuery("INSERT INTO label_changes (a, b) VALUES (:a, :b) RETURNING revision")
                .bind("a", pair.a()).bind("b", pair.b()).mapTo(Long.class).one();
    }

    static void audit(Handle handle, AuditEntry entry) {
        String details;
        try {
            details = JSON.writeValueAsString(entry.details());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details are not JSON values", e);
        }
        handle.createUpdate("""
                        INSERT INTO audit_log (actor, action, target, details)
                        VALUES (:actor, :action, :target, CAST(:details AS jsonb))""")
                .bind("actor", entry.actor()).bind("action", entry.action()).bind("target", entry.target())
                .bind("details", details).execute();
    }

    private static PairLabel label(ResultSet rs) throws SQLException {
        return new PairLabel(new IdPair(rs.getString("a"), rs.getString("b")),
                Verdict.fromWire(rs.getString("label")), rs.getString("note"), rs.getString("labelled_by"),
                rs.getObject("labelled_at", OffsetDateTime.class).toInstant());
    }
}
