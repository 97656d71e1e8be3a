package org.eventdedup.offline;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.eventdedup.matching.canonical.CanonicalEvent;
import org.eventdedup.matching.canonical.CanonicalGeo;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.pipeline.MatchResult;
import org.eventdedup.matching.pipeline.MatchStats;

/**
 * Writes a {@link MatchResult} as the {@code match} command's JSON (contract §3), streamed so that a million decisions
 * never become a tree in memory. Byte-identical for equal results: keys in a fixed order, numbers as Java writes
 * doubles (shortest round-trip form), dates {@code YYYY-MM-DD}, times {@code HH:MM:SS}, stage timings left out.
 *
 * <pre>
 * {"stats": {...}, "decisions": [{"a","b","signals":{"date","geo","title","description"},"score","decision","tier"}],
 *  "clusters": [[ids]], "flagged": [[ids]], "canonical_events": [...]}
 * </pre>
 * {@code clusters} are the valid clusters (singletons included) and {@code flagged} the flagged ones; concatenated,
 * they are in the order of {@code canonical_events}.
 */
public final class MatchJsonWriter {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private MatchJsonWriter() {
    }

    /** Writes the document and a final newline; flushes but does not close {@code out}. */
    public static void write(MatchResult result, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeFieldName("stats");
            stats(json, result.stats());
            json.writeArrayFieldStart("decisions");
            for (PairDecision d : result.decisions()) {
                decision(json, d);
            }
            json.writeEndArray();
            idLists(json, "clusters", result.clusters());
            idLists(json, "flagged", result.flagged());
            json.writeArrayFieldStart("canonical_events");
            for (CanonicalEvent event : result.canonicalEvents()) {
                canonical(json, event);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
        out.flush();
    }

    private static void stats(JsonGenerator json, MatchStats s) throws IOException {
        json.writeStartObject();
        json.writeNumberField("total_events", s.totalEvents());
        json.writeNumberField("total_possible_pairs", s.totalPossiblePairs());
        json.writeNumberField("blocked_pairs", s.blockedPairs());
        json.writeNumberField("reduction_pct", s.reductionPct());
        json.writeNumberField("match_count", s.matchCount());
        json.writeNumberField("ambiguous_count", s.ambiguousCount());
        json.writeNumberField("no_match_count", s.noMatchCount());
        json.writeStringField("ai_status", s.aiStatus().jsonName());
        json.writeNumberField("ai_candidates", s.aiCandidates());
        json.writeNumberField("ai_answered", s.aiAnswered());
        json.writeNumberField("ai_changed", s.aiChanged());
        json.writeNumberField("cluster_count", s.clusterCount());
        json.writeNumberField("singleton_count", s.singletonCount());
        json.writeNumberField("flagged_count", s.flaggedCount());
        json.writeNumberField("total_cluster_count", s.totalClusterCount());
        json.writeNumberField("canonical_count", s.canonicalCount());
        json.writeEndObject();
    }

    private static void decision(JsonGenerator json, PairDecision d) throws IOException {
        json.writeStartObject();
        json.writeStringField("a", d.a());
        json.writeStringField("b", d.b());
        json.writeObjectFieldStart("signals");
        json.writeNumberField("date", d.signals().date());
        json.writeNumberField("geo", d.signals().geo());
        json.writeNumberField("title", d.signals().title());
        json.writeNumberField("description", d.signals().description());
        json.writeEndObject();
        json.writeNumberField("score", d.score());
        json.writeStringField("decision", d.decision().jsonName());
        json.writeStringField("tier", d.tier().jsonName());
        json.writeEndObject();
    }

    private static void idLists(JsonGenerator json, String field, List<List<String>> lists) throws IOException {
        json.writeArrayFieldStart(field);
        for (List<String> ids : lists) {
            strings(json, ids);
        }
        json.writeEndArray();
    }

    private static void strings(JsonGenerator json, List<String> values) throws IOException {
        json.writeStartArray();
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void canonical(JsonGenerator json, CanonicalEvent c) throws IOException {
        json.writeStartObject();
        json.writeStringField("title", c.title());
        json.writeStringField("short_description", c.shortDescription());
        json.writeStringField("description", c.description());
        json.writeFieldName("highlights");
        strings(json, c.highlights());
        json.writeStringField("location_name", c.locationName());
        json.writeStringField("location_city", c.locationCity());
        json.writeStringField("location_district", c.locationDistrict());
        json.writeStringField("location_street", c.locationStreet());
        json.writeStringField("location_zipcode", c.locationZipcode());
        json.writeFieldName("geo");
        CanonicalGeo geo = c.geo();
        if (geo == null) {
            json.writeNull();
        } else {
            json.writeStartObject();
            json.writeNumberField("latitude", geo.latitude());
            json.writeNumberField("longitude", geo.longitude());
            nullableNumber(json, "confidence", geo.confidence());
            json.writeEndObject();
        }
        json.writeArrayFieldStart("dates");
        for (EventDate date : c.dates()) {
            json.writeStartObject();
            json.writeStringField("date", date(date.date()));
            json.writeStringField("start_time", time(date.startTime()));
            json.writeStringField("end_time", time(date.endTime()));
            json.writeStringField("end_date", date(date.endDate()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("first_date", date(c.firstDate()));
        json.writeStringField("last_date", date(c.lastDate()));
        json.writeFieldName("categories");
        strings(json, c.categories());
        json.writeBooleanField("is_family_event", c.isFamilyEvent());
        json.writeBooleanField("is_child_focused", c.isChildFocused());
        json.writeBooleanField("admission_free", c.admissionFree());
        json.writeNumberField("source_count", c.sourceCount());
        json.writeFieldName("source_ids");
        strings(json, c.sourceIds());
        json.writeObjectFieldStart("field_provenance");
        for (Map.Entry<String, String> entry : c.fieldProvenance().entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        nullableNumber(json, "match_confidence", c.matchConfidence());
        json.writeBooleanField("needs_review", c.needsReview());
        json.writeFieldName("review_flag");
        if (c.reviewFlag() == null) {
            json.writeNull();
        } else {
            json.writeStartObject();
            json.writeStringField("reason", c.reviewFlag().reason().jsonName());
            json.writeStringField("detail", c.reviewFlag().detail());
            json.writeEndObject();
        }
        json.writeBooleanField("ai_assisted", c.aiAssisted());
        json.writeEndObject();
    }

    private static void nullableNumber(JsonGenerator json, String field, Double value) throws IOException {
        json.writeFieldName(field);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value.doubleValue());
        }
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String time(LocalTime time) {
        return time == null ? null : TIME.format(time);
    }
}
