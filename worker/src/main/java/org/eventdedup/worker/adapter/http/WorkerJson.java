package org.eventdedup.worker.adapter.http;

import org.eventdedup.worker.query.WarningGroups;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eventdedup.worker.query.CanonicalEventDetail;
import org.eventdedup.worker.query.CanonicalEventDetail.DecisionView;
import org.eventdedup.worker.query.CanonicalEventDetail.SourceListingView;
import org.eventdedup.worker.query.CanonicalEventSummary;
import org.eventdedup.worker.query.Page;
import org.eventdedup.worker.query.RunDetail;
import org.eventdedup.worker.query.RunDetail.AiUsageView;
import org.eventdedup.worker.query.RunDetail.RunFile;
import org.eventdedup.worker.query.RunView;

/**
 * The response bodies: read models mapped to ordered maps with snake_case keys (the read models carry no
 * annotations), times as ISO-8601 UTC ({@code Z}), dates as {@code yyyy-MM-dd}; the shared
 * {@link org.eventdedup.http.ResponseJson} writes them, numbers plainly.
 */
final class WorkerJson {

    private WorkerJson() {
    }

    // ---- runs

    static Map<String, Object> run(RunView r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("started_at", text(r.startedAt()));
        m.put("finished_at", text(r.finishedAt()));
        m.put("status", r.status());
        m.put("mode", r.mode());
        m.put("config_version", r.configVersion());
        m.put("config_source", r.configSource());
        m.put("counts", r.counts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .collect(LinkedHashMap::new, (map, e) -> map.put(e.getKey(), e.getValue()), Map::putAll));
        m.put("warnings", r.warnings());
        m.put("warning_groups", WarningGroups.of(r.warnings()).stream().map(g -> {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("kind", g.kind());
            group.put("count", g.count());
            group.put("examples", g.examples());
            return group;
        }).toList());
        m.put("error", publicError(r.error()));
        return m;
    }

    private static final int MAX_ERROR_LENGTH = 300;
    private static final Pattern CLASS_PREFIX = Pattern.compile("(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*: ");

    /**
     * A failed run's reason as an operator should read it: the database driver's message without Java class names and
     * without the statement and its arguments that JDBI appends ({@code [statement:"…", arguments:…]}), shortened.
     */
    static String publicError(String error) {
        if (error == null) {
            return null;
        }
        String text = error;
        int statement = text.indexOf(" [statement:");
        if (statement >= 0) {
            text = text.substring(0, statement);
        }
        text = CLASS_PREFIX.matcher(text).replaceAll("").strip();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "…" : text;
    }

    static List<Map<String, Object>> runs(List<RunView> runs) {
        return runs.stream().map(WorkerJson::run).toList();
    }

    static Map<String, Object> runDetail(RunDetail d) {
        Map<String, Object> m = run(d.run());
        m.put("timings", d.timings());
        List<Map<String, Object>> usage = new ArrayList<>();
        for (AiUsageView u : d.aiUsage()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("model", u.model());
            item.put("requests", u.requests());
            item.put("cached_requests", u.cachedRequests());
            item.put("api_calls", u.apiCalls());
            item.put("failed_requests", u.failedRequests());
            item.put("prompt_tokens", u.promptTokens());
            item.put("output_tokens", u.outputTokens());
            item.put("thought_tokens", u.thoughtTokens());
            item.put("total_tokens", u.totalTokens());
            item.put("estimated_cost_usd", u.estimatedCostUsd());
            usage.add(item);
        }
        m.put("ai_usage", usage);
        List<Map<String, Object>> files = new ArrayList<>();
        for (RunFile f : d.files()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("ingestion_id", f.ingestionId());
            item.put("filename", f.filename());
            item.put("origin", f.origin());
            item.put("status", f.status());
            item.put("event_count", f.eventCount());
            item.put("size_bytes", f.sizeBytes());
            item.put("problems", f.problems());
            files.add(item);
        }
        m.put("files", files);
        return m;
    }

    // ---- canonical events

    static Map<String, Object> page(Page<CanonicalEventSummary> page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", page.total());
        m.put("limit", page.limit());
        m.put("offset", page.offset());
        m.put("items", page.items().stream().map(WorkerJson::summary).toList());
        return m;
    }

    static Map<String, Object> summary(CanonicalEventSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("title", s.title());
        m.put("first_date", text(s.firstDate()));
        m.put("last_date", text(s.lastDate()));
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("name", s.locationName());
        location.put("city", s.locationCity());
        m.put("location", location);
        m.put("categories", s.categories());
        m.put("source_count", s.sourceCount());
        m.put("match_confidence", s.matchConfidence());
        m.put("needs_review", s.needsReview());
        m.put("review_reason", s.reviewReason());
        m.put("ai_assisted", s.aiAssisted());
        m.put("version", s.version());
        m.put("config_version", s.configVersion());
        m.put("updated_at", text(s.updatedAt()));
        return m;
    }

    static Map<String, Object> detail(CanonicalEventDetail d) {
        CanonicalEventSummary s = d.summary();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("title", s.title());
        m.put("short_description", d.shortDescription());
        m.put("description", d.description());
        m.put("highlights", d.highlights());
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("name", s.locationName());
        location.put("city", s.locationCity());
        location.put("district", d.locationDistrict());
        location.put("street", d.locationStreet());
        location.put("zipcode", d.locationZipcode());
        if (d.geo() == null) {
            location.put("geo", null);
        } else {
            Map<String, Object> geo = new LinkedHashMap<>();
            geo.put("latitude", d.geo().latitude());
            geo.put("longitude", d.geo().longitude());
            geo.put("confidence", d.geo().confidence());
            location.put("geo", geo);
        }
        m.put("location", location);
        m.put("dates", d.dates());
        m.put("first_date", text(s.firstDate()));
        m.put("last_date", text(s.lastDate()));
        m.put("categories", s.categories());
        m.put("is_family_event", d.isFamilyEvent());
        m.put("is_child_focused", d.isChildFocused());
        m.put("admission_free", d.admissionFree());
        m.put("source_count", s.sourceCount());
        m.put("match_confidence", s.matchConfidence());
        m.put("needs_review", s.needsReview());
        m.put("review_reason", s.reviewReason());
        m.put("ai_assisted", s.aiAssisted());
        m.put("version", s.version());
        m.put("config_version", s.configVersion());
        m.put("created_at", text(d.createdAt()));
        m.put("updated_at", text(s.updatedAt()));
        m.put("field_provenance", d.fieldProvenance());
        List<Map<String, Object>> sources = new ArrayList<>();
        for (SourceListingView l : d.sources()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", l.id());
            item.put("source_code", l.sourceCode());
            item.put("source_type", l.sourceType());
            item.put("ingestion_id", l.fileIngestionId());
            item.put("filename", l.filename());
            item.put("ingestion_order", l.ingestionOrder());
            item.put("listing", l.listing());
            sources.add(item);
        }
        m.put("sources", sources);
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (DecisionView x : d.decisions()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("a", x.a());
            item.put("b", x.b());
            item.put("a_event_id", x.aEventId());
            item.put("b_event_id", x.bEventId());
            item.put("within_event", x.aEventId() != null && x.aEventId() == s.id()
                    && x.bEventId() != null && x.bEventId() == s.id());
            item.put("decision", x.decision());
            item.put("tier", x.tier());
            item.put("combined_score", x.combinedScore());
            Map<String, Object> signals = new LinkedHashMap<>();
            signals.put("date", x.dateScore());
            signals.put("geo", x.geoScore());
            signals.put("title", x.titleScore());
            signals.put("description", x.descriptionScore());
            item.put("signals", signals);
            item.put("config_version", x.configVersion());
            item.put("decided_at", text(x.decidedAt()));
            decisions.add(item);
        }
        m.put("decisions", decisions);
        return m;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
