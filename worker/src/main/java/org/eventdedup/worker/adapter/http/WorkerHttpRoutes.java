package org.eventdedup.worker.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.eventdedup.config.domain.port.out.StoreUnavailableException;
import org.eventdedup.http.HttpProblem;
import org.eventdedup.http.ResponseJson;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.query.CanonicalEventSearch;
import org.eventdedup.worker.query.ExportCanonicalEventsUseCase;
import org.eventdedup.worker.query.ListingCategory;
import org.eventdedup.worker.query.ReadCanonicalEventsUseCase;
import org.eventdedup.worker.query.ReadListingCategoriesUseCase;
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
 *   <li>{@code GET /api/canonical-events/export?format=csv|jsonl} — every event, streamed
 *       ({@link CanonicalEventExport});</li>
 *   <li>{@code GET /api/canonical-events/{id}} — the event with sources, decisions and field provenance;</li>
 *   <li>{@code GET /api/listings/categories} — {@code [{name, count}]}: the categories of the stored listings,
 *       spellings differing only in case as one, most frequent first (for naming category overrides).</li>
 * </ul>
 */
public final class WorkerHttpRoutes implements Consumer<Javalin> {
    static final String JSON_TYPE = "application/json";

    private static final Set<String> RUNS_PARAMETERS = Set.of("limit");
    private static final Set<String> SEARCH_PARAMETERS = Set.of("q", "city", "date_from", "date_to", "limit",
            "offset");

    private final ReadRunsUseCase runs;
    private final ReadCanonicalEventsUseCase events;
    private final ReadListingCategoriesUseCase categories;
    private final ExportCanonicalEventsUseCase export;
    private final Uploads uploads;
    private final ResponseJson json = new ResponseJson();

    /** Without the export ({@code /api/canonical-events/export} is then not a route). */
    public WorkerHttpRoutes(ReadRunsUseCase runs, ReadCanonicalEventsUseCase events,
                            ReadListingCategoriesUseCase categories, FileIntake intake) {
        this(runs, events, categories, null, intake);
    }

    /**
     * @param export may be null: no export route
     * @param intake where uploads are queued (the worker's, shared with the watched folder)
     */
    public WorkerHttpRoutes(ReadRunsUseCase runs, ReadCanonicalEventsUseCase events,
                            ReadListingCategoriesUseCase categories, ExportCanonicalEventsUseCase export,
                            FileIntake intake) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.events = Objects.requireNonNull(events, "events");
        this.categories = Objects.requireNonNull(categories, "categories");
        this.export = export;
        this.uploads = new Uploads(Objects.requireNonNull(intake, "intake"));
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/runs", this::listRuns);
        app.get("/api/runs/{id}", this::getRun);
        app.post("/api/ingest", this::ingest);
        app.get("/api/canonical-events", this::searchEvents);
        if (export != null) {
            // before {id}: Javalin takes the first route that matches
            app.get("/api/canonical-events/export", ctx -> CanonicalEventExport.send(ctx, export, json));
        }
        app.get("/api/canonical-events/{id}", this::getEvent);
        app.get("/api/listings/categories", this::listCategories);
        app.exception(HttpProblem.class, (e, ctx) -> problem(ctx, e, json));
        // the one place this adapter maps an outage; the config server maps it the same way for its own routes
        app.exception(StoreUnavailableException.class,
                (e, ctx) -> problem(ctx, HttpProblem.storeUnavailable(), json));
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
        send(ctx, 200, WorkerJson.runDetail(runs.run(id).orElseThrow(() -> notFound("run", id))));
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
            throw QueryParameters.badParameter("city", "must contain a letter or digit, got '"
                    + HttpProblem.shown(city) + "'.");
        }
        var from = query.date("date_from");
        var to = query.date("date_to");
        if (from != null && to != null && from.isAfter(to)) {
            throw QueryParameters.badParameter("date_from", "must not be after date_to, got " + from + " > " + to
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
                .orElseThrow(() -> notFound("canonical event", id))));
    }

    private void listCategories(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        List<Map<String, Object>> body = new ArrayList<>();
        for (ListingCategory c : categories.categories()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", c.name());
            item.put("count", c.listings());
            body.add(item);
        }
        send(ctx, 200, body);
    }

    private void send(Context ctx, int status, Object body) {
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType(JSON_TYPE).result(json.write(body));
    }

    private static HttpProblem notFound(String what, long id) {
        return HttpProblem.of(404, "There is no " + what + " with id " + id + ".");
    }

    /** RFC 9457, rendered as the config API renders its problems. */
    static void problem(Context ctx, HttpProblem problem, ResponseJson json) {
        problem.headers().forEach(ctx::header);
        ctx.status(problem.status()).contentType(HttpProblem.CONTENT_TYPE).result(json.write(problem.body()));
    }
}
