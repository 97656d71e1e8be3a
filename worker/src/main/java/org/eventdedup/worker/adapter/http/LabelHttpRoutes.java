package org.eventdedup.worker.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.eventdedup.http.HttpProblem;
import org.eventdedup.http.RequestJson;
import org.eventdedup.http.ResponseJson;
import org.eventdedup.worker.labels.LabelException;
import org.eventdedup.worker.labels.Labelling;
import org.eventdedup.worker.labels.ReviewPairs;
import org.eventdedup.worker.port.LabelStore.PairLabel;
import org.eventdedup.worker.port.LabelStore.Verdict;
import org.eventdedup.worker.port.ReviewQueue;

/**
 * The operator's loop, registered on the config server like {@link WorkerHttpRoutes}:
 * <ul>
 *   <li>{@code GET /api/review/pairs?limit=&offset=&order=} — unlabelled pairs that need a human;</li>
 *   <li>{@code PUT /api/labels}, {@code DELETE /api/labels?a=&b=}, {@code GET /api/labels?limit=&offset=};</li>
 *   <li>{@code POST /api/canonical-events/{id}/merge} and {@code /split} — labels for every listing involved.</li>
 * </ul>
 * Writes need an editor (the server's access control: every non-GET under {@code /api}); labels take effect on the
 * next pipeline run.
 */
public final class LabelHttpRoutes implements Consumer<Javalin> {

    static final int MAX_BODY_BYTES = 64 * 1024;
    /** A split of an event of 15 listings into single groups is about 1 KiB; 1 MiB leaves room for any cluster. */
    static final int MAX_SPLIT_BYTES = 1024 * 1024;
    static final int REVIEW_DEFAULT_LIMIT = 20;
    static final int REVIEW_MAX_LIMIT = 200;
    /** A listing id as the input files allow it: a non-empty string; longer than this cannot be a stored one. */
    static final int MAX_ID_LENGTH = 1000;

    private static final Set<String> LABEL_FIELDS = Set.of("a", "b", "label", "note");
    private static final Set<String> MERGE_FIELDS = Set.of("with", "version", "with_version");
    private static final Set<String> SPLIT_FIELDS = Set.of("groups", "version");

    private final Labelling labelling;
    private final ReviewPairs review;
    private final JsonBodies bodies = new JsonBodies();
    private final ResponseJson json = new ResponseJson();

    public LabelHttpRoutes(Labelling labelling, ReviewPairs review) {
        this.labelling = Objects.requireNonNull(labelling, "labelling");
        this.review = Objects.requireNonNull(review, "review");
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/review/pairs", this::reviewPairs);
        app.put("/api/labels", this::putLabel);
        app.delete("/api/labels", this::removeLabel);
        app.get("/api/labels", this::listLabels);
        app.post("/api/canonical-events/{id}/merge", this::merge);
        app.post("/api/canonical-events/{id}/split", this::split);
        app.exception(HttpProblem.class, (e, ctx) -> WorkerHttpRoutes.problem(ctx, e, json));
        app.exception(LabelException.class, (e, ctx) -> WorkerHttpRoutes.problem(ctx, problem(e), json));
    }

    // ---- review

    private void reviewPairs(Context ctx) {
        QueryParameters query = new QueryParameters(ctx.queryParamMap(), Set.of("limit", "offset", "order"));
        int limit = query.boundedInt("limit", 1, REVIEW_MAX_LIMIT, REVIEW_DEFAULT_LIMIT);
        int offset = query.offset();
        ReviewQueue.Order order = order(query.single("order"));
        ReviewQueue.Result result = review.pairs(limit, offset, order);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", result.total());
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("items", result.items().stream().map(LabelHttpRoutes::reviewItem).toList());
        ctx.header("X-Total-Count", Long.toString(result.total()));
        send(ctx, 200, body);
    }

    private static ReviewQueue.Order order(String raw) {
        if (raw == null) {
            return ReviewQueue.Order.UNCERTAINTY;
        }
        for (ReviewQueue.Order order : ReviewQueue.Order.values()) {
            if (order.name().toLowerCase(Locale.ROOT).equals(raw)) {
                return order;
            }
        }
        throw QueryParameters.badParameter("order", "must be uncertainty, score or recent, got '"
                + HttpProblem.shown(raw) + "'.");
    }

    private static Map<String, Object> reviewItem(ReviewQueue.Item item) {
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put("date", item.date());
        signals.put("geo", item.geo());
        signals.put("title", item.title());
        signals.put("description", item.description());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("a", listing(item.a()));
        body.put("b", listing(item.b()));
        body.put("signals", signals);
        body.put("combined_score", item.combinedScore());
        body.put("decision", item.decision());
        body.put("tier", item.tier());
        body.put("reason", item.reason().name().toLowerCase(Locale.ROOT));
        body.put("config_version", item.configVersion());
        return body;
    }

    private static Map<String, Object> listing(ReviewQueue.Listing listing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", listing.id());
        body.put("title", listing.title());
        body.put("dates", listing.dates().stream().map(d -> {
            Map<String, Object> date = new LinkedHashMap<>();
            date.put("date", d.date());
            date.put("start_time", d.startTime());
            date.put("end_time", d.endTime());
            return date;
        }).toList());
        body.put("city", listing.city());
        body.put("venue", listing.venue());
        body.put("source_code", listing.sourceCode());
        body.put("source_type", listing.sourceType());
        body.put("description_excerpt", listing.descriptionExcerpt());
        body.put("canonical_event_id", listing.canonicalEventId());
        return body;
    }

    // ---- labels

    private void putLabel(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        String operator = PreviewHttpRoutes.operator(ctx);
        Map<String, Object> body = bodies.readObject(ctx, RequestJson.JSON, MAX_BODY_BYTES);
        List<Map<String, Object>> errors = unknownFields(body, LABEL_FIELDS);
        String a = listingId(body.get("a"), "#/a", errors);
        String b = listingId(body.get("b"), "#/b", errors);
        Verdict verdict = null;
        Object label = body.get("label");
        if (label instanceof String text && (text.equals("same") || text.equals("different"))) {
            verdict = Verdict.fromWire(text);
        } else {
            errors.add(HttpProblem.fieldError("#/label", "must be \"same\" or \"different\""));
        }
        Object note = body.get("note");
        if (note != null && !(note instanceof String)) {
            errors.add(HttpProblem.fieldError("#/note", "must be a string or null, got " + RequestJson.kind(note)));
        } else if (note instanceof String text && !text.isEmpty() && !storable(text)) {
            errors.add(HttpProblem.fieldError("#/note", "must not contain NUL or unpaired surrogates"));
        }
        if (!errors.isEmpty()) {
            throw HttpProblem.validationFailed("The label is invalid.", errors);
        }
        send(ctx, 200, label(labelling.put(a, b, verdict, (String) note, operator)));
    }

    private void removeLabel(Context ctx) {
        QueryParameters query = new QueryParameters(ctx.queryParamMap(), Set.of("a", "b"));
        String a = requiredId(query, "a");
        String b = requiredId(query, "b");
        if (a.equals(b)) {
            throw QueryParameters.badParameter("b", "must name another listing than a.");
        }
        String operator = PreviewHttpRoutes.operator(ctx);
        if (labelling.remove(a, b, operator).isEmpty()) {
            throw HttpProblem.of(404, "There is no label for the pair '" + HttpProblem.shown(a) + "', '"
                    + HttpProblem.shown(b) + "'.");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(204);
    }

    private static String requiredId(QueryParameters query, String name) {
        String value = query.single(name);
        if (value == null || value.isEmpty()) {
            throw QueryParameters.badParameter(name, "is required: a listing id.");
        }
        if (!usable(value)) {
            throw QueryParameters.badParameter(name, "must be a listing id of at most " + MAX_ID_LENGTH
                    + " characters without NUL, got " + value.length() + " characters.");
        }
        return value;
    }

    private void listLabels(Context ctx) {
        QueryParameters query = new QueryParameters(ctx.queryParamMap(), Set.of("limit", "offset"));
        int limit = query.limit();
        int offset = query.offset();
        int total = labelling.count();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", total);
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("items", labelling.page(limit, offset).stream().map(LabelHttpRoutes::label).toList());
        ctx.header("X-Total-Count", Integer.toString(total));
        send(ctx, 200, body);
    }

    private static Map<String, Object> label(PairLabel label) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("a", label.pair().a());
        body.put("b", label.pair().b());
        body.put("label", label.verdict().wire());
        body.put("note", label.note());
        body.put("labelled_by", label.labelledBy());
        body.put("labelled_at", label.labelledAt().toString());
        return body;
    }

    // ---- merge and split

    private void merge(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        long id = QueryParameters.id(ctx.pathParam("id"));
        String operator = PreviewHttpRoutes.operator(ctx);
        Map<String, Object> body = bodies.readObject(ctx, RequestJson.JSON, MAX_BODY_BYTES);
        List<Map<String, Object>> errors = unknownFields(body, MERGE_FIELDS);
        long with = wholeNumber(body.get("with"), "#/with", 1, Long.MAX_VALUE, errors);
        long version = wholeNumber(body.get("version"), "#/version", 0, Integer.MAX_VALUE, errors);
        long withVersion = wholeNumber(body.get("with_version"), "#/with_version", 0, Integer.MAX_VALUE, errors);
        if (!errors.isEmpty()) {
            throw HttpProblem.validationFailed("The merge request is invalid.", errors);
        }
        written(ctx, labelling.merge(id, (int) version, with, (int) withVersion, operator));
    }

    private void split(Context ctx) {
        new QueryParameters(ctx.queryParamMap(), Set.of());
        long id = QueryParameters.id(ctx.pathParam("id"));
        String operator = PreviewHttpRoutes.operator(ctx);
        Map<String, Object> body = bodies.readObject(ctx, RequestJson.JSON, MAX_SPLIT_BYTES);
        List<Map<String, Object>> errors = unknownFields(body, SPLIT_FIELDS);
        long version = wholeNumber(body.get("version"), "#/version", 0, Integer.MAX_VALUE, errors);
        List<List<String>> groups = new ArrayList<>();
        Object raw = body.get("groups");
        if (raw instanceof List<?> list) {
            for (int g = 0; g < list.size(); g++) {
                List<String> group = new ArrayList<>();
                if (list.get(g) instanceof List<?> ids) {
                    for (int j = 0; j < ids.size(); j++) {
                        String listing = listingId(ids.get(j), "#/groups/" + g + "/" + j, errors);
                        if (listing != null) {
                            group.add(listing);
                        }
                    }
                } else {
                    errors.add(HttpProblem.fieldError("#/groups/" + g, "must be an array of listing ids, got "
                            + RequestJson.kind(list.get(g))));
                }
                groups.add(group);
            }
        } else {
            errors.add(HttpProblem.fieldError("#/groups", "must be an array of groups (arrays of listing ids), got "
                    + RequestJson.kind(raw)));
        }
        if (!errors.isEmpty()) {
            throw HttpProblem.validationFailed("The split request is invalid.", errors);
        }
        written(ctx, labelling.split(id, (int) version, groups, operator));
    }

    private void written(Context ctx, int labels) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("labels_written", labels);
        body.put("applied", "next_run");
        send(ctx, 200, body);
    }

    // ---- fields

    private static List<Map<String, Object>> unknownFields(Map<String, Object> body, Set<String> known) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!known.contains(key)) {
                errors.add(HttpProblem.fieldError("#/" + key.replace("~", "~0").replace("/", "~1"),
                        "is not a field of this request (" + String.join(", ", known.stream().sorted().toList())
                                + ")"));
            }
        }
        return errors;
    }

    /** A listing id: a non-empty string of at most {@value #MAX_ID_LENGTH} characters; null (and an error) else. */
    private static String listingId(Object value, String pointer, List<Map<String, Object>> errors) {
        if (value instanceof String id && usable(id)) {
            return id;
        }
        errors.add(HttpProblem.fieldError(pointer, value == null ? "is required: a listing id"
                : "must be a listing id (a non-empty string of at most " + MAX_ID_LENGTH + " characters, without"
                        + " NUL or unpaired surrogates), got " + (value instanceof String ? "'"
                        + HttpProblem.shown((String) value) + "'" : RequestJson.kind(value))));
        return null;
    }

    /** What a stored listing id can be (PostgreSQL text holds no NUL; an unpaired surrogate is not text). */
    static boolean usable(String id) {
        return !id.isEmpty() && id.length() <= MAX_ID_LENGTH && storable(id);
    }

    /** Text PostgreSQL can store: no NUL, and no unpaired surrogate (which is not text at all). */
    static boolean storable(String text) {
        if (text.indexOf('\0') >= 0) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static long wholeNumber(Object value, String pointer, long min, long max,
                                    List<Map<String, Object>> errors) {
        // whole numbers arrive as Integer, Long or BigInteger; anything with a fraction or exponent as BigDecimal
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            BigInteger whole = new BigInteger(value.toString());
            if (whole.compareTo(BigInteger.valueOf(min)) >= 0 && whole.compareTo(BigInteger.valueOf(max)) <= 0) {
                return whole.longValue();
            }
        }
        errors.add(HttpProblem.fieldError(pointer, value == null ? "is required" : "must be a whole number from "
                + min + " to " + max + ", got " + HttpProblem.shown(String.valueOf(value))));
        return -1;
    }

    /** The one place the loop's domain errors become statuses. */
    static HttpProblem problem(LabelException e) {
        return switch (e.code()) {
            case INVALID -> HttpProblem.validationFailed(e.getMessage(), e.problems().stream()
                    .map(p -> HttpProblem.fieldError(p.pointer(), p.detail())).toList());
            case NOT_FOUND -> HttpProblem.of(404, e.getMessage());
            case STALE -> HttpProblem.of(409, e.getMessage());
        };
    }

    private void send(Context ctx, int status, Object body) {
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType(WorkerHttpRoutes.JSON_TYPE).result(json.write(body));
    }
}
