package org.eventdedup.worker.adapter.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eventdedup.http.HttpProblem;
import org.eventdedup.http.RequestJson;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.input.InputFileException;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.input.InputProblem;
import org.eventdedup.worker.input.ParsedFile;
import org.eventdedup.worker.input.ContentHash;

/**
 * {@code POST /api/ingest}: one input file as the JSON body, named by {@code X-File-Name} or {@code ?name=}. The
 * file is validated at once with the same parser a run uses, so the caller learns right away what is wrong (422,
 * every problem listed, nothing stored, no dead letter) instead of finding it later in the dead-letter folder. A
 * valid file joins the same queue as the watched folder's (idempotent by SHA-256): 202 when queued, 200 with the
 * existing ingestion id when the same bytes are already queued or were processed before.
 */
final class Uploads {
    /** Far above the real exports (a few MiB), far below the worker's own limit for files in the folder. */
    static final int MAX_BYTES = 10 * 1024 * 1024;
    static final String INVALID_FILE_TYPE = HttpProblem.TYPE_PREFIX + "invalid-input-file";

    /** The source code is the name up to its first underscore, so the name must start with a letter or digit. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final FileIntake intake;
    private final InputFileParser parser = new InputFileParser();
    private final JsonBodies bodies = new JsonBodies();

    Uploads(FileIntake intake) {
        this.intake = intake;
    }

    /** What the endpoint answers: the status and the body. */
    record Answer(int status, Map<String, Object> body) {
    }

    Answer ingest(Context ctx) {
        String name = fileName(ctx.header("X-File-Name"), ctx.queryParams("name"));
        byte[] content = bodies.readBytes(ctx, RequestJson.JSON, MAX_BYTES);
        ParsedFile parsed;
        try {
            parsed = parser.parse(name, content, 0);
        } catch (InputFileException e) {
            throw invalidFile(name, e.problems());
        }
        FileIntake.Result result = intake.offerUpload(name, content);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ingestion_id", result.ingestionId());
        body.put("status", switch (result.status()) {
            case QUEUED -> "queued";
            case ALREADY_QUEUED -> "already_queued";
            case SKIPPED -> "already_processed";
            case REJECTED -> throw HttpProblem.tooLarge(intake.maxBytes(), content.length);
        });
        body.put("detail", result.detail());
        body.put("filename", name);
        body.put("source_code", parsed.sourceCode());
        body.put("events", parsed.listings().size());
        body.put("sha256", ContentHash.sha256(content));
        return new Answer(result.status() == FileIntake.Status.QUEUED ? 202 : 200, body);
    }

    /** From the header or the query; both given must agree. */
    static String fileName(String header, List<String> query) {
        if (query.size() > 1) {
            throw QueryParameters.badParameter("name", "may be given only once, got " + query.size() + " values.");
        }
        String fromQuery = query.isEmpty() ? null : query.get(0);
        String fromHeader = header == null ? null : header.strip();
        if (fromQuery != null && fromHeader != null && !fromQuery.equals(fromHeader)) {
            throw QueryParameters.badParameter("name", "and the X-File-Name header name different files ('"
                    + HttpProblem.shown(fromQuery) + "', '" + HttpProblem.shown(fromHeader)
                    + "'); give one of them.");
        }
        String name = fromQuery != null ? fromQuery : fromHeader;
        if (name == null || name.isEmpty()) {
            throw QueryParameters.badParameter("name", "is required: the file name, as X-File-Name header or ?name=,"
                    + " e.g. bwb_2026-02.json (the part before the first underscore is the source code).");
        }
        if (!FILE_NAME.matcher(name).matches() || !name.endsWith(".json") || name.length() == ".json".length()) {
            throw QueryParameters.badParameter("name", "must be 1 to 200 characters of A-Z, a-z, 0-9, '.', '_', '-',"
                    + " start with a letter or digit and end with .json, got '" + HttpProblem.shown(name)
                    + "'.");
        }
        return name;
    }

    private static HttpProblem invalidFile(String name, List<InputProblem> problems) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (InputProblem p : problems) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("pointer", "#" + p.field());
            error.put("detail", p.describe());
            error.put("event_index", p.eventIndex() < 0 ? null : p.eventIndex());
            error.put("event_id", p.eventId());
            error.put("field", p.field());
            error.put("reason", p.reason());
            errors.add(error);
        }
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return new HttpProblem(422, INVALID_FILE_TYPE, name + " cannot be ingested (" + count
                + "); nothing of it was stored.", errors, Map.of("filename", name), Map.of());
    }
}
