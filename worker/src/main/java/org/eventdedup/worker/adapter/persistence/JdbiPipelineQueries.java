package org.eventdedup.worker.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.worker.query.CanonicalEventDetail;
import org.eventdedup.worker.query.CanonicalEventDetail.DecisionView;
import org.eventdedup.worker.query.CanonicalEventDetail.GeoView;
import org.eventdedup.worker.query.CanonicalEventDetail.SourceListingView;
import org.eventdedup.worker.query.CanonicalEventSearch;
import org.eventdedup.worker.query.CanonicalEventSummary;
import org.eventdedup.worker.query.Page;
import org.eventdedup.worker.query.ReadCanonicalEventsUseCase;
import org.eventdedup.worker.query.ReadRunsUseCase;
import org.eventdedup.worker.query.RunDetail;
import org.eventdedup.worker.query.RunDetail.AiUsageView;
import org.eventdedup.worker.query.RunDetail.RunFile;
import org.eventdedup.worker.query.RunView;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The read ports on the pipeline tables of {@code V10__pipeline_tables.sql}. Every value reaches SQL as a bound
 * parameter; the statement text is built from fixed fragments only. Reads of one request share a transaction, so a
 * run committing meanwhile never shows half (an event without its sources).
 */
public final class JdbiPipelineQueries implements ReadRunsUseCase, ReadCanonicalEventsUseCase {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<List<Object>> ARRAY = new TypeReference<>() { };

    private static final String RUN_COLUMNS = "id, started_at, finished_at, status, mode, config_version,"
            + " config_source, counts::text AS counts, warnings::text AS warnings, error";
    private static final String SUMMARY_COLUMNS = "ce.id, ce.title, ce.first_date, ce.last_date, ce.location_name,"
            + " ce.location_city, ce.categories::text AS categories, ce.source_count, ce.match_confidence,"
            + " ce.needs_review, ce.review_reason, ce.ai_assisted, ce.version, ce.config_version, ce.updated_at";

    private final Jdbi jdbi;
    private final Lexicon lexicon;

    /** @param lexicon the city aliases a city search normalises with (the worker's, so both agree) */
    public JdbiPipelineQueries(Jdbi jdbi, Lexicon lexicon) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
    }

    // ---- runs

    @Override
    public List<RunView> recentRuns(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + RUN_COLUMNS
                        + " FROM pipeline_runs ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> run(rs)).list());
    }

    @Override
    public long countRuns() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM pipeline_runs").mapTo(Long.class).one());
    }

    @Override
    public Optional<RunDetail> run(long id) {
        return jdbi.inTransaction(h -> {
            Optional<RunView> run = h.createQuery("SELECT " + RUN_COLUMNS + " FROM pipeline_runs WHERE id = :id")
                    .bind("id", id).map((rs, ctx) -> run(rs)).findOne();
            if (run.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Long> timings = h.createQuery("SELECT timings::text FROM pipeline_runs WHERE id = :id")
                    .bind("id", id).map((rs, ctx) -> longs(rs.getString(1))).one();
            List<AiUsageView> usage = h.createQuery("""
                            SELECT model, requests, cached_requests, api_calls, failed_requests, prompt_tokens,
                                   output_tokens, thought_tokens, total_tokens, estimated_cost_usd
                              FROM ai_usage_log WHERE run_id = :id ORDER BY id""")
                    .bind("id", id)
                    .map((rs, ctx) -> new AiUsageView(rs.getString("model"), rs.getInt("requests"),
                            rs.getInt("cached_requests"), rs.getInt("api_calls"), rs.getInt("failed_requests"),
                            rs.getLong("prompt_tokens"), rs.getLong("output_tokens"), rs.getLong("thought_tokens"),
                            rs.getLong("total_tokens"), rs.getDouble("estimated_cost_usd")))
                    .list();
            List<RunFile> files = h.createQuery("""
                            SELECT id, filename, origin, status, event_count, size_bytes,
                                   error -> 'problems' AS problems
                              FROM file_ingestions WHERE run_id = :id ORDER BY id""")
                    .bind("id", id)
                    .map((rs, ctx) -> new RunFile(rs.getLong("id"), rs.getString("filename"), rs.getString("origin"),
                            rs.getString("status"), rs.getInt("event_count"), rs.getLong("size_bytes"),
                            objects(rs.getString("problems"))))
                    .list();
            return Optional.of(new RunDetail(run.get(), timings, usage, files));
        });
    }

    private static RunView run(ResultSet rs) throws SQLException {
        return new RunView(rs.getLong("id"), instant(rs, "started_at"), instant(rs, "finished_at"),
                rs.getString("status"), rs.getString("mode"), (Long) rs.getObject("config_version"),
                rs.getString("config_source"), longs(rs.getString("counts")), strings(rs.getString("warnings")),
                rs.getString("error"));
    }

    // ---- canonical events

    @Override
    public Page<CanonicalEventSummary> search(CanonicalEventSearch search) {
        Filter filter = filter(search);
        return jdbi.inTransaction(h -> {
            long total = filter.bind(h.createQuery("SELECT count(*) FROM canonical_events ce" + filter.where))
                    .mapTo(Long.class).one();
            List<CanonicalEventSummary> items = total <= search.offset() ? List.of()
                    : filter.bind(h.createQuery("SELECT " + SUMMARY_COLUMNS + " FROM canonical_events ce"
                                    + filter.where + " ORDER BY ce.first_date NULLS LAST, ce.id"
                                    + " LIMIT :limit OFFSET :offset"))
                            .bind("limit", search.limit()).bind("offset", search.offset())
                            .map((rs, ctx) -> summary(rs)).list();
            return new Page<>(items, total, search.limit(), search.offset());
        });
    }

    /** The WHERE clause of a search and its bindings. */
    private record Filter(String where, Map<String, Object> values) {
        Query bind(Query query) {
            values.forEach(query::bind);
            return query;
        }
    }

    private Filter filter(CanonicalEventSearch search) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        if (search.titleContains() != null) {
            conditions.add("ce.title ILIKE :titlePattern ESCAPE '\\'");
            values.put("titlePattern", "%" + LikePattern.escape(search.titleContains()) + "%");
        }
        if (search.city() != null) {
            // any member listing in that city: the same normalisation and aliases as blocking uses
            conditions.add("""
                    EXISTS (SELECT 1 FROM canonical_event_sources cs
                              JOIN source_events se ON se.id = cs.source_event_id
                             WHERE cs.canonical_event_id = ce.id AND se.city_normalized = :city)""");
            values.put("city", lexicon.normalizeCity(search.city()));
        }
        if (search.from() != null) {
            conditions.add("ce.last_date >= :from");
            values.put("from", search.from());
        }
        if (search.to() != null) {
            conditions.add("ce.first_date <= :to");
            values.put("to", search.to());
        }
        return new Filter(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), values);
    }

    @Override
    public Optional<CanonicalEventDetail> event(long id) {
        return jdbi.inTransaction(h -> h.createQuery("SELECT " + SUMMARY_COLUMNS + """
                        , ce.short_description, ce.description, ce.highlights::text AS highlights,
                          ce.location_district, ce.location_street, ce.location_zipcode, ce.geo_latitude,
                          ce.geo_longitude, ce.geo_confidence, ce.dates::text AS dates, ce.is_family_event,
                          ce.is_child_focused, ce.admission_free, ce.field_provenance::text AS field_provenance,
                          ce.created_at
                          FROM canonical_events ce WHERE ce.id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> detail(rs, h))
                .findOne());
    }

    private CanonicalEventDetail detail(ResultSet rs, Handle h) throws SQLException {
        long id = rs.getLong("id");
        Object latitude = rs.getObject("geo_latitude");
        Object longitude = rs.getObject("geo_longitude");
        GeoView geo = latitude == null || longitude == null ? null
                : new GeoView(((Number) latitude).doubleValue(), ((Number) longitude).doubleValue(),
                        (Double) rs.getObject("geo_confidence"));
        Map<String, String> provenance = new LinkedHashMap<>();
        object(rs.getString("field_provenance")).forEach((k, v) -> provenance.put(k, v == null ? null : v.toString()));
        List<SourceListingView> sources = sources(h, id);
        return new CanonicalEventDetail(summary(rs), rs.getString("short_description"), rs.getString("description"),
                strings(rs.getString("highlights")), rs.getString("location_district"),
                rs.getString("location_street"), rs.getString("location_zipcode"), geo,
                objects(rs.getString("dates")), rs.getBoolean("is_family_event"), rs.getBoolean("is_child_focused"),
                rs.getBoolean("admission_free"), provenance, instant(rs, "created_at"), sources,
                decisions(h, sources.stream().map(SourceListingView::id).toArray(String[]::new)));
    }

    private static List<SourceListingView> sources(Handle h, long canonicalId) {
        return h.createQuery("""
                        SELECT se.id, se.source_code, se.source_type, se.file_ingestion_id, fi.filename,
                               se.ingestion_order, se.listing::text AS listing
                          FROM canonical_event_sources cs
                          JOIN source_events se ON se.id = cs.source_event_id
                          LEFT JOIN file_ingestions fi ON fi.id = se.file_ingestion_id
                         WHERE cs.canonical_event_id = :id
                         ORDER BY se.id""")
                .bind("id", canonicalId)
                .map((rs, ctx) -> new SourceListingView(rs.getString("id"), rs.getString("source_code"),
                        rs.getString("source_type"), rs.getLong("file_ingestion_id"), rs.getString("filename"),
                        rs.getLong("ingestion_order"), object(rs.getString("listing"))))
                .list();
    }

    /** Decisions touching the members; each side's lookup uses its own index (primary key on a, index on b). */
    private static List<DecisionView> decisions(Handle h, String[] members) {
        if (members.length == 0) {
            return List.of();
        }
        return h.createQuery("""
                        SELECT d.a, d.b, ca.canonical_event_id AS a_event, cb.canonical_event_id AS b_event,
                               d.date_score, d.geo_score, d.title_score, d.description_score, d.combined_score,
                               d.decision, d.tier, d.config_version, d.decided_at
                          FROM (SELECT * FROM match_decisions WHERE a = ANY(CAST(:ids AS text[]))
                                UNION
                                SELECT * FROM match_decisions WHERE b = ANY(CAST(:ids AS text[]))) d
                          LEFT JOIN canonical_event_sources ca ON ca.source_event_id = d.a
                          LEFT JOIN canonical_event_sources cb ON cb.source_event_id = d.b
                         ORDER BY d.a, d.b""")
                .bind("ids", members)
                .map((rs, ctx) -> new DecisionView(rs.getString("a"), rs.getString("b"),
                        (Long) rs.getObject("a_event"), (Long) rs.getObject("b_event"), rs.getDouble("date_score"),
                        rs.getDouble("geo_score"), rs.getDouble("title_score"), rs.getDouble("description_score"),
                        rs.getDouble("combined_score"), rs.getString("decision"), rs.getString("tier"),
                        rs.getLong("config_version"), instant(rs, "decided_at")))
                .list();
    }

    private static CanonicalEventSummary summary(ResultSet rs) throws SQLException {
        return new CanonicalEventSummary(rs.getLong("id"), rs.getString("title"), date(rs, "first_date"),
                date(rs, "last_date"), rs.getString("location_name"), rs.getString("location_city"),
                strings(rs.getString("categories")), rs.getInt("source_count"),
                (Double) rs.getObject("match_confidence"), rs.getBoolean("needs_review"),
                rs.getString("review_reason"), rs.getBoolean("ai_assisted"), rs.getInt("version"),
                rs.getLong("config_version"), instant(rs, "updated_at"));
    }

    // ---- column helpers

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static Map<String, Object> object(String json) {
        return json == null ? Map.of() : read(json, OBJECT);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(String json) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (json != null) {
            for (Object item : read(json, ARRAY)) {
                list.add(item instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("value", item));
            }
        }
        return list;
    }

    private static List<String> strings(String json) {
        List<String> list = new ArrayList<>();
        if (json != null) {
            for (Object item : read(json, ARRAY)) {
                if (item != null) {
                    list.add(item.toString());
                }
            }
        }
        return list;
    }

    private static Map<String, Long> longs(String json) {
        Map<String, Long> map = new LinkedHashMap<>();
        object(json).forEach((k, v) -> {
            if (v instanceof Number n) {
                map.put(k, n.longValue());
            }
        });
        return map;
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSONB column is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
