package org.eventdedup.worker.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * What the pipeline stored, canonicalised so that two databases fed the same inputs compare equal however the work
 * was split into runs, retried or interrupted: no timestamps, run ids or serial ids (a rolled-back run still uses up
 * sequence values), canonical events named by their member listings, files by name and hash. One sorted list of text
 * rows per table; compare with {@code assertThat(actual.tables()).isEqualTo(expected.tables())}.
 *
 * <p>Available to other modules through the worker's test-jar.
 */
public record PipelineSnapshot(Map<String, List<String>> tables) {

    public static PipelineSnapshot of(Jdbi jdbi) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("file_ingestions", rows(jdbi, """
                SELECT concat_ws(' | ', filename, file_hash, status, event_count, error::text, file_metadata::text)
                  FROM file_ingestions ORDER BY filename, file_hash"""));
        tables.put("source_events", rows(jdbi, """
                SELECT concat_ws(' | ', s.id, f.filename, s.source_code, s.source_type, s.listing::text,
                                 s.ingestion_order, s.first_date, s.last_date, s.city_normalized,
                                 s.blocking_keys::text, s.block_days::text, s.keys_config)
                  FROM source_events s JOIN file_ingestions f ON f.id = s.file_ingestion_id ORDER BY s.id"""));
        tables.put("match_decisions", rows(jdbi, """
                SELECT concat_ws(' | ', a, b, date_score, geo_score, title_score, description_score, combined_score,
                                 decision, tier, config_version)
                  FROM match_decisions ORDER BY a, b"""));
        tables.put("canonical_events", rows(jdbi, """
                SELECT concat_ws(' | ', m.members, e.title, e.short_description, e.description, e.highlights::text,
                                 e.location_name, e.location_city, e.location_district, e.location_street,
                                 e.location_zipcode, e.geo_latitude, e.geo_longitude, e.geo_confidence,
                                 e.dates::text, e.first_date, e.last_date, e.categories::text, e.is_family_event,
                                 e.is_child_focused, e.admission_free, e.field_provenance::text, e.source_count,
                                 e.match_confidence, e.needs_review, e.review_reason, e.ai_assisted,
                                 e.content_hash, e.config_version)
                  FROM canonical_events e
                  JOIN (SELECT canonical_event_id, string_agg(source_event_id, ',' ORDER BY source_event_id) AS members
                          FROM canonical_event_sources GROUP BY canonical_event_id) m
                    ON m.canonical_event_id = e.id
                 ORDER BY m.members"""));
        tables.put("canonical_events_without_members", rows(jdbi, """
                SELECT e.title FROM canonical_events e
                 WHERE NOT EXISTS (SELECT 1 FROM canonical_event_sources s WHERE s.canonical_event_id = e.id)
                 ORDER BY e.title"""));
        return new PipelineSnapshot(tables);
    }

    /** Rows per table, for a readable message. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        tables.forEach((table, rows) -> text.append(text.isEmpty() ? "" : ", ").append(table).append('=')
                .append(rows.size()));
        return text.toString();
    }

    private static List<String> rows(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }
}
