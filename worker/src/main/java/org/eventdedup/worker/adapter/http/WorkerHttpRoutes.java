package org.eventdedup.worker.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.eventdedup.config.domain.port.out.StoreUnavailableException;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.query.CanonicalEventSearch;
import org.eventdedup.worker.query.ReadCanonicalEventsUseCase;
import org.eventdedup.worker.query.ReadRunsUseCase;

/**
 * The worker's endpoints (contract §2), registered on a Javalin app:
 * <ul>
 *   <li>{@code GET /api/runs?limit=} — newest first, a JSON array (the shape the web UI's Runs tab reads);
 *       {@code X-Total-Count} holds the number of runs;</li>
 *   <li>{@code GET /api/runs/{id}} — one run with timings, AI usage and its files;</li>
 *   <li>{@code POST /api/ingest} — one input file (see {@link Uploads});</li>
 *   <li>{@code GET /api/canonical-events?q=&city=&date_from=&date_to=&limit=&offset=} —
 *       {@code {total, limit, offset, items}}, ordered by first date then id;</li>
 *   <li>{@code GET /api/canonical-events/{id}} — the event with sources, decisions and field provenance.</li>
 * </ul>
 */
public final class WorkerHttpRoutes implements Consumer<Javalin> {
    static final String JSON_TYPE = "application/json";
    static final String PROBLEM_TYPE = "application/problem+json";
    static final long RETRY_AFTER_SECONDS = 5;

    private static final Set<String> RUNS_PARAMETERS = Set.of("limit");
    private static final Set<String> SEARCH_PARAMETERS = Set.of("q", "city", "date_from", "date_to", "limit",
            "offset");

    private final ReadRunsUseCase runs;
    private final ReadCanonicalEventsUseCase events;
    private final Uploads uploads;
    private final WorkerJson json = new WorkerJson();

    /** @param intake where uploads are queued (the worker's, shared with the watched folder) */
    public WorkerHttpRoutes(ReadRunsUseCase runs, ReadCanonicalEventsUseCase events, FileIntake intake) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.events = Objects.requireNonNull(events, "events");
        this.uploads = new Uploads(Objects.requireNonNull(intake, "intake"));
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/runs", this::listRuns);
        app.get("/api/runs/{id}", this::getRun);
        app.post("/api/ingest", this::ingest);
        app.get("/api/canonical-events", this::searchEvents);
        app.get("/api/canonical-events/{id}", this::getEvent);
        app.exception(WorkerProblem.class, (e, ctx) -> problem(ctx, e, json));
        // the one place this adapter maps an outage; the config server maps it the same way for its own routes
        app.exception(StoreUnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
            problem(ctx, WorkerProblem.storeUnavailable(), json);
        });
    }

    private void listRuns(Context ctx) {
        QueryParameters query = new QueryParameters(ctx.queryParamMap(), RUNS_PARAMETERS);
        int limit = query.limit();
        ctx.header("X-Total-Count", Long.toString(runs.countRuns()));
        send(ctx, 200, WorkerJson.runs(runs.recentRuns(limit)));
    }

    private void getRun(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        long id = QueryParameters.id(ctx.pathParam("id"));
        send(ctx, 200, WorkerJson.runDetail(runs.run(id).orElseThrow(() -> WorkerProblem.notFound("run", id))));
    }

    private void ingest(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of("name"));
        Uploads.Answer answer = uploads.ingest(ctx);
        send(ctx, answer.status(), answer.body());
    }

    private void searchEvents(Context ctx) {
        QueryParameters query = new QueryParameters(ctx.queryParamMap(), SEARCH_PARAMETERS);
        String q = query.text("q");
        String city = query.text("city");
        if (city != null && city.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw WorkerProblem.badParameter("city", "must contain a letter or digit, got '"
                    + QueryParameters.shown(city) + "'.");
        }
        var from = query.date("date_from");
        var to = query.date("date_to");
        if (from != null && to != null && from.isAfter(to)) {
            throw WorkerProblem.badParameter("date_from", "must not be after date_to, got " + from + " > " + to
                    + ".");
        }
        var page = events.search(new CanonicalEventSearch(q, city, from, to, query.limit(), query.offset()));
        ctx.header("X-Total-Count", Long.toString(page.total()));
        send(ctx, 200, WorkerJson.page(page));
    }

    private void getEvent(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        long id = QueryParameters.id(ctx.pathParam("id"));
        send(ctx, 200, WorkerJson.detail(events.event(id)
                .orElseThrow(() -> WorkerProblem.notFound("canonical event", id))));
    }

    private void send(Context ctx, int status, Object body) {
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType(JSON_TYPE).result(json.write(body));
    }

    /** RFC 9457, the same shape as the config API's problems. */
    static void problem(Context ctx, WorkerProblem e, WorkerJson json) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", e.type());
        HttpStatus known = HttpStatus.forStatus(e.status());
        body.put("title", known == HttpStatus.UNKNOWN ? "Error" : known.getMessage());
        body.put("status", e.status());
        body.put("detail", e.detail());
        if (e.errors() != null) {
            body.put("errors", e.errors());
        }
        e.extensions().forEach(body::putIfAbsent);
        ctx.status(e.status()).contentType(PROBLEM_TYPE).result(json.write(body));
    }
}
