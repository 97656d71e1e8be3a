package org.eventdedup.worker.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.eventdedup.http.HttpProblem;
import org.eventdedup.http.RequestJson;
import org.eventdedup.http.ResponseJson;
import org.eventdedup.matching.tuning.Objective;
import org.eventdedup.worker.tuning.SuggestConfig;
import org.eventdedup.worker.tuning.SuggestionJobs;
import org.eventdedup.worker.tuning.SuggestionJobs.Job;

/**
 * "Suggest values" (the config tuner over the stored listings and ground truth), registered on the config server:
 * <ul>
 *   <li>{@code POST /api/config/suggest} with {@code {"objective": "f1" | "recall@p=0.95" | "precision@r=0.8",
 *       "listings": N}} (both optional) — 200 with the suggestion when it is ready within
 *       {@value #WAIT_MILLIS} ms, else 202 with {@code {id, status: "running"}} and a {@code Location} to poll;
 *       409 while another suggestion runs (at most one at a time);</li>
 *   <li>{@code GET /api/config/suggest/{id}} — 200 with the suggestion when done, 202 while running, 409 when the
 *       labels could not support one or it was cancelled;</li>
 *   <li>{@code DELETE /api/config/suggest/{id}} — cancels it; 204.</li>
 * </ul>
 * Nothing is saved: the client applies the patch like any other edit.
 */
public final class SuggestHttpRoutes implements Consumer<Javalin> {

    static final long WAIT_MILLIS = 2000;
    static final int MAX_BODY_BYTES = 4 * 1024;
    private static final String PATH = "/api/config/suggest";
    private static final Set<String> FIELDS = Set.of("objective", "listings");

    private final SuggestionJobs jobs;
    private final Duration wait;
    private final JsonBodies bodies = new JsonBodies();
    private final ResponseJson json = new ResponseJson();

    public SuggestHttpRoutes(SuggestionJobs jobs) {
        this(jobs, Duration.ofMillis(WAIT_MILLIS));
    }

    /** @param wait how long a POST waits for the answer before it answers 202 */
    SuggestHttpRoutes(SuggestionJobs jobs, Duration wait) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.wait = Objects.requireNonNull(wait, "wait");
    }

    @Override
    public void accept(Javalin app) {
        app.post(PATH, this::start);
        app.get(PATH + "/{id}", this::poll);
        app.delete(PATH + "/{id}", this::cancel);
        app.exception(HttpProblem.class, (e, ctx) -> WorkerHttpRoutes.problem(ctx, e, json));
    }

    private void start(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        Map<String, Object> body = bodies.readOptionalObject(ctx, RequestJson.JSON, MAX_BODY_BYTES);
        List<Map<String, Object>> errors = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                errors.add(HttpProblem.fieldError("#/" + key.replace("~", "~0").replace("/", "~1"),
                        "is not a field of this request (objective, listings)"));
            }
        }
        Objective objective = objective(body.get("objective"), errors);
        int listings = listings(body.get("listings"), errors);
        if (!errors.isEmpty()) {
            throw HttpProblem.validationFailed("The suggestion request is invalid.", errors);
        }
        Job job;
        try {
            job = jobs.start(objective, listings);
        } catch (SuggestionJobs.BusyException e) {
            throw HttpProblem.of(409, "A suggestion is already running (" + PATH + "/" + e.runningId()
                    + "); poll it, or cancel it with DELETE, before starting another.");
        }
        job.await(wait);
        answer(ctx, job);
    }

    private static Objective objective(Object value, List<Map<String, Object>> errors) {
        if (value == null) {
            return Objective.F1;
        }
        if (value instanceof String text) {
            try {
                return Objective.parse(text);
            } catch (IllegalArgumentException e) {
                errors.add(HttpProblem.fieldError("#/objective", e.getMessage()));
                return Objective.F1;
            }
        }
        errors.add(HttpProblem.fieldError("#/objective", "must be a string: f1, recall@p=<floor> or"
                + " precision@r=<floor>"));
        return Objective.F1;
    }

    private static int listings(Object value, List<Map<String, Object>> errors) {
        if (value == null) {
            return SuggestConfig.DEFAULT_LISTINGS;
        }
        // whole numbers arrive as Integer, Long or BigInteger; anything with a fraction or exponent as BigDecimal
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            BigInteger whole = new BigInteger(value.toString());
            if (whole.signum() > 0 && whole.compareTo(BigInteger.valueOf(SuggestConfig.MAX_LISTINGS)) <= 0) {
                return whole.intValue();
            }
        }
        errors.add(HttpProblem.fieldError("#/listings", "must be a whole number from 1 to "
                + SuggestConfig.MAX_LISTINGS + ", got " + HttpProblem.shown(String.valueOf(value))));
        return SuggestConfig.DEFAULT_LISTINGS;
    }

    private void poll(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        answer(ctx, job(ctx));
    }

    private void cancel(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        Job job = job(ctx);
        jobs.cancel(job.id());
        ctx.header("Cache-Control", "no-store");
        ctx.status(204);
    }

    private Job job(Context ctx) {
        String id = ctx.pathParam("id");
        return jobs.find(id).orElseThrow(() -> HttpProblem.of(404, "No suggestion '" + HttpProblem.shown(id)
                + "': only the latest one is kept."));
    }

    private void answer(Context ctx, Job job) {
        switch (job.status()) {
            case DONE -> send(ctx, 200, job.suggestion().orElseThrow().document());
            case RUNNING -> {
                Map<String, Object> running = new LinkedHashMap<>();
                running.put("id", job.id());
                running.put("status", "running");
                ctx.header("Location", PATH + "/" + job.id());
                send(ctx, 202, running);
            }
            case FAILED -> throw HttpProblem.of(409, "No suggestion: " + job.failure().orElse("it failed") + ".");
            case CANCELLED -> throw HttpProblem.of(409, "The suggestion " + job.id() + " was cancelled.");
        }
    }

    private void send(Context ctx, int status, Object body) {
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType(WorkerHttpRoutes.JSON_TYPE).result(json.write(body));
    }
}
