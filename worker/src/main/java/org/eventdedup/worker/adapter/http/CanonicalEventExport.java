package org.eventdedup.worker.adapter.http;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eventdedup.http.HttpProblem;
import org.eventdedup.http.ResponseJson;
import org.eventdedup.worker.query.ExportCanonicalEventsUseCase;
import org.eventdedup.worker.query.ExportCanonicalEventsUseCase.ExportedEvent;

/**
 * {@code GET /api/canonical-events/export?format=csv|jsonl}: every canonical event with its source listing ids,
 * written to the response while the database cursor moves on, so memory stays flat whatever the number of events.
 * CSV follows RFC 4180 (CRLF line ends, a field with a comma, quote or line break quoted, quotes doubled).
 */
final class CanonicalEventExport {

    static final String CSV_HEADER = "id,title,first_date,last_date,city,venue,source_count,source_ids";

    private CanonicalEventExport() {
    }

    static void send(Context ctx, ExportCanonicalEventsUseCase export, ResponseJson json) {
        QueryParameters query = new QueryParameters(ctx.queryParamMap(), Set.of("format"));
        String format = query.single("format");
        if (format == null) {
            format = "jsonl";
        }
        boolean csv;
        switch (format) {
            case "csv" -> csv = true;
            case "jsonl" -> csv = false;
            default -> throw QueryParameters.badParameter("format", "must be csv or jsonl, got '"
                    + HttpProblem.shown(format) + "'.");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", "attachment; filename=\"canonical-events." + format + "\"");
        ctx.status(200).contentType(csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8),
                64 * 1024)) {
            if (csv) {
                out.write(CSV_HEADER);
                out.write("\r\n");
            }
            boolean asCsv = csv;
            export.export(event -> {
                try {
                    if (asCsv) {
                        out.write(csvLine(event));
                        out.write("\r\n");
                    } else {
                        out.write(new String(json.write(jsonLine(event)), StandardCharsets.UTF_8));
                        out.write("\n");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String csvLine(ExportedEvent event) {
        return String.join(",", Long.toString(event.id()), csv(event.title()), date(event.firstDate()),
                date(event.lastDate()), csv(event.city()), csv(event.venue()), Integer.toString(event.sourceCount()),
                csv(String.join("|", event.sourceIds())));
    }

    static Map<String, Object> jsonLine(ExportedEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", event.id());
        line.put("title", event.title());
        line.put("dates", event.dates());
        line.put("city", event.city());
        line.put("venue", event.venue());
        line.put("categories", event.categories());
        line.put("source_ids", event.sourceIds());
        return line;
    }

    /** RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. Null is an empty field. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
