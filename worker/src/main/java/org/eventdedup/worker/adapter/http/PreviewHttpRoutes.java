package org.eventdedup.worker.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.eventdedup.http.HttpProblem;
import org.eventdedup.http.RequestJson;
import org.eventdedup.http.ResponseJson;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.GroundTruthException;
import org.eventdedup.worker.port.AiKeyCheck;
import org.eventdedup.worker.port.GroundTruthStore;
import org.eventdedup.worker.preview.ImpactPreview;
import org.eventdedup.worker.preview.ImpactReport;

/**
 * The "see before you save" endpoints (contract §2), registered on the config server like
 * {@link WorkerHttpRoutes}:
 * <ul>
 *   <li>{@code POST /api/config/preview?listings=N} — a merge patch as for {@code PATCH /api/config}; the engine on
 *       a sample, current vs candidate ({@link ImpactPreview}); invalid candidates get the PATCH's 422;</li>
 *   <li>{@code GET /api/ground-truth}, {@code POST /api/ground-truth} — the stored labels; an import replaces them;
 *       </li>
 *   <li>{@code POST /api/config/ai-key/test} — the smallest Gemini call with the stored key; no body, or an empty
 *       JSON object.</li>
 * </ul>
 */
public final class PreviewHttpRoutes implements Consumer<Javalin> {

    /** Like PATCH /api/config. */
    static final int MAX_PATCH_BYTES = 64 * 1024;
    /** A truth file labelling 100,000 listings is about 5 MiB. */
    static final int MAX_TRUTH_BYTES = 32 * 1024 * 1024;
    /** Fields a client may echo from GET /api/config or that only PATCH acts on; a preview ignores them. */
    private static final Set<String> NOT_DOCUMENT_FIELDS = Set.of("ai_api_key", "updated_at", "has_api_key",
            "api_key_source", "version", "source", "updated_by");

    private final ImpactPreview preview;
    private final GroundTruthStore truth;
    private final AiKeyCheck keyCheck;
    private final JsonBodies bodies = new JsonBodies();
    private final ResponseJson json = new ResponseJson();
    /** A preview keeps the cores busy for a second or two; more than two at once would only queue behind them. */
    private final Semaphore previews = new Semaphore(2);

    public PreviewHttpRoutes(ImpactPreview preview, GroundTruthStore truth, AiKeyCheck keyCheck) {
        this.preview = Objects.requireNonNull(preview, "preview");
        this.truth = Objects.requireNonNull(truth, "truth");
        this.keyCheck = Objects.requireNonNull(keyCheck, "keyCheck");
    }

    @Override
    public void accept(Javalin app) {
        app.post("/api/config/preview", this::preview);
        app.get("/api/ground-truth", this::getGroundTruth);
        app.post("/api/ground-truth", this::importGroundTruth);
        app.post("/api/config/ai-key/test", this::testKey);
        app.exception(HttpProblem.class, (e, ctx) -> WorkerHttpRoutes.problem(ctx, e, json));
    }

    private void preview(Context ctx) {
        QueryParameters query = new QueryParameters(ctx.queryParamMap(), Set.of("listings"));
        int listings = query.boundedInt("listings", 1, ImpactPreview.MAX_LISTINGS, ImpactPreview.DEFAULT_LISTINGS);
        Map<String, Object> patch = new LinkedHashMap<>(bodies.readObject(ctx, RequestJson.JSON_OR_MERGE_PATCH,
                MAX_PATCH_BYTES));
        NOT_DOCUMENT_FIELDS.forEach(patch::remove);
        if (!previews.tryAcquire()) {
            throw HttpProblem.of(429, "Two previews are already running; try again in a moment.");
        }
        ImpactReport report;
        try {
            report = preview.preview(patch, listings);
        } finally {
            previews.release();
        }
        send(ctx, 200, PreviewJson.report(report));
    }

    private void getGroundTruth(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        GroundTruthStore.Summary summary = truth.summary();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pairs", summary.pairs());
        body.put("listings", summary.listings());
        body.put("imported_at", text(summary.importedAt()));
        body.put("imported_by", summary.importedBy());
        body.put("labels", summary.labels());
        send(ctx, 200, body);
    }

    private void importGroundTruth(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        String operator = operator(ctx);
        Map<String, Object> body = bodies.readObject(ctx, RequestJson.JSON, MAX_TRUTH_BYTES);
        GroundTruth parsed;
        try {
            parsed = GroundTruth.fromTree(body);
        } catch (GroundTruthException e) {
            throw HttpProblem.validationFailed("The ground truth cannot be used: " + e.getMessage() + ".",
                    List.of(HttpProblem.fieldError("#" + e.pointer(), e.problem())));
        }
        GroundTruthStore.Imported imported = truth.replace(parsed, operator);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("imported", imported.pairs());
        answer.put("unknown_listing_ids", imported.unknownListingIds());
        answer.put("unknown_listings", imported.unknownListings());
        answer.put("skipped_pairs", imported.skippedPairs());
        answer.put("pairs", imported.pairs());
        answer.put("listings", imported.listings());
        send(ctx, 200, answer);
    }

    private void testKey(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        // the test always uses the stored key: a key (or anything else) in the body would be silently ignored
        Map<String, Object> body = bodies.readOptionalObject(ctx, RequestJson.JSON, MAX_PATCH_BYTES);
        if (!body.isEmpty()) {
            List<Map<String, Object>> errors = body.keySet().stream().map(key -> HttpProblem.fieldError(
                    "#/" + key.replace("~", "~0").replace("/", "~1"), "is not a field of this request")).toList();
            throw HttpProblem.validationFailed("The key test takes no fields: it tests the stored key (store another"
                    + " one with PUT /api/config/ai-key first).", errors);
        }
        AiKeyCheck.Result result;
        try {
            result = keyCheck.test();
        } catch (AiKeyCheck.NoKeyException e) {
            throw HttpProblem.of(409, e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", result.ok());
        answer.put("model", result.model());
        answer.put("latency_ms", result.latencyMs());
        if (!result.ok()) {
            answer.put("status", result.status());
            answer.put("message", result.message());
        }
        send(ctx, 200, answer);
    }

    /**
     * Who acts: the signed-in operator's name, which the server's access control puts in the request attribute
     * {@code operator} (CONTRACTS §1) before any {@code /api} handler runs.
     */
    static String operator(Context ctx) {
        Object signedIn = ctx.attribute("operator");
        if (signedIn instanceof String name && !name.isBlank()) {
            return name;
        }
        throw new IllegalStateException("no signed-in operator on " + ctx.method() + " " + ctx.path());
    }

    private void send(Context ctx, int status, Object body) {
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType(WorkerHttpRoutes.JSON_TYPE).result(json.write(body));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
