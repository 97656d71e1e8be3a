package org.eventdedup.worker.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.worker.port.ReviewQueue;
import org.jdbi.v3.core.Jdbi;

/**
 * The review queue over {@code match_decisions}: one query for the page with both listings, their canonical events
 * and the total (a window count over the same scan; a second query counts only when the page is past the end). The
 * unlabelled check is an anti-join on {@code pair_labels}' primary key. On the shared sample (18,404 decisions,
 * 7,079 to review) the scan and sort take about 15 ms in PostgreSQL, so no index beyond the tables' own is needed.
 */
public final class JdbiReviewQueue implements ReviewQueue {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Map<String, Object>>> OBJECTS = new TypeReference<>() { };

    private static final String NEEDS_REVIEW = """
            FROM match_decisions d
            WHERE (d.decision = 'ambiguous'
                   OR (d.decision = 'match' AND d.title_score >= :veto AND d.title_score <= :vetoEdge))
              AND NOT EXISTS (SELECT 1 FROM pair_labels l WHERE l.a = d.a AND l.b = d.b)""";

    private static final String LISTING = """
            %1$s.listing->>'title' AS %1$s_title, (%1$s.listing->'dates')::text AS %1$s_dates,
            %1$s.listing->'location'->>'city' AS %1$s_city, %1$s.listing->'location'->>'name' AS %1$s_venue,
            %1$s.source_code AS %1$s_source_code, %1$s.source_type AS %1$s_source_type,
            left(coalesce(nullif(%1$s.listing->>'description', ''), %1$s.listing->>'short_description'), 300)
                AS %1$s_excerpt,
            %1$s_event.canonical_event_id AS %1$s_event""";

    private final Jdbi jdbi;

    public JdbiReviewQueue(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Result pairs(Query query) {
        String order = switch (query.order()) {
            case UNCERTAINTY -> "abs(combined_score - :mid), a, b";
            case SCORE -> "combined_score DESC, a, b";
            case RECENT -> "decided_at DESC, a, b";
        };
        String sql = "WITH page AS (SELECT d.a, d.b, d.date_score, d.geo_score, d.title_score, d.description_score,"
                + " d.combined_score, d.decision, d.tier, d.config_version, d.decided_at, count(*) OVER () AS total "
                + NEEDS_REVIEW
                + " ORDER BY " + order + " LIMIT :limit OFFSET :offset)"
                + " SELECT page.*, " + LISTING.formatted("sa") + ", " + LISTING.formatted("sb")
                + " FROM page JOIN source_events sa ON sa.id = page.a JOIN source_events sb ON sb.id = page.b"
                + " LEFT JOIN canonical_event_sources sa_event ON sa_event.source_event_id = page.a"
                + " LEFT JOIN canonical_event_sources sb_event ON sb_event.source_event_id = page.b"
                + " ORDER BY " + order;
        double veto = query.titleVeto();
        return jdbi.inTransaction(handle -> {
            long[] total = {-1};
            List<Item> items = handle.createQuery(sql)
                    .bind("veto", veto).bind("vetoEdge", veto + VETO_EDGE)
                    .bind("mid", (query.low() + query.high()) / 2)
                    .bind("limit", query.limit()).bind("offset", query.offset())
                    .map((rs, ctx) -> {
                        total[0] = rs.getLong("total");
                        return item(rs);
                    }).list();
            if (items.isEmpty()) {
                total[0] = handle.createQuery("SELECT count(*) " + NEEDS_REVIEW)
                        .bind("veto", veto).bind("vetoEdge", veto + VETO_EDGE).mapTo(Long.class).one();
            }
            return new Result(items, total[0]);
        });
    }

    private static Item item(ResultSet rs) throws SQLException {
        String decision = rs.getString("decision");
        return new Item(listing(rs, "sa", rs.getString("a")), listing(rs, "sb", rs.getString("b")),
                rs.getDouble("date_score"), rs.getDouble("geo_score"), rs.getDouble("title_score"),
                rs.getDouble("description_score"), rs.getDouble("combined_score"), decision, rs.getString("tier"),
                "ambiguous".equals(decision) ? Reason.AMBIGUOUS : Reason.VETO_EDGE, rs.getLong("config_version"));
    }

    private static Listing listing(ResultSet rs, String prefix, String id) throws SQLException {
        long event = rs.getLong(prefix + "_event");
        Long canonical = rs.wasNull() ? null : event;
        return new Listing(id, rs.getString(prefix + "_title"), dates(rs.getString(prefix + "_dates")),
                rs.getString(prefix + "_city"), rs.getString(prefix + "_venue"),
                rs.getString(prefix + "_source_code"), rs.getString(prefix + "_source_type"),
                rs.getString(prefix + "_excerpt"), canonical);
    }

    private static List<ListingDate> dates(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, OBJECTS).stream()
                    .map(d -> new ListingDate(text(d.get("date")), text(d.get("start_time")), text(d.get("end_time"))))
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored listing dates are not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
