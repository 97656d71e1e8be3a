package org.eventdedup.config.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eventdedup.config.domain.port.in.ReadAuditLogUseCase;
import org.eventdedup.config.domain.port.in.ReadAuditLogUseCase.AuditRecord;
import org.eventdedup.http.HttpProblem;
import org.eventdedup.http.ResponseJson;

/**
 * {@code GET /api/audit?limit=&before=}: the log of every operator action, newest first, for viewers and up. Handed
 * to {@link ConfigHttpServer.Dependencies#extraRoutes()} by the composition root, beside the worker's routes.
 * {@code next_before} is the id to pass as {@code before} for the next page, null on the last page.
 */
public final class AuditRoutes implements Consumer<Javalin> {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    private final ReadAuditLogUseCase audit;
    private final ResponseJson json = new ResponseJson();

    public AuditRoutes(ReadAuditLogUseCase audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public void accept(Javalin app) {
        new Routes(app).add(HandlerType.GET, "/api/audit", Set.of("limit", "before"), this::page);
    }

    private void page(Context ctx) {
        int limit = (int) number(ctx.queryParam("limit"), "limit", MAX_LIMIT, DEFAULT_LIMIT);
        String rawBefore = ctx.queryParam("before");
        Long before = rawBefore == null ? null : number(rawBefore, "before", Long.MAX_VALUE, 0);
        // one more than asked tells whether another page follows
        List<AuditRecord> records = audit.page(limit + 1, before);
        List<AuditRecord> shown = records.subList(0, Math.min(limit, records.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", shown.stream().map(AuditRoutes::item).toList());
        body.put("next_before", records.size() > limit ? shown.get(shown.size() - 1).id() : null);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(ConfigRoutes.JSON_TYPE).result(json.write(body));
    }

    private static Map<String, Object> item(AuditRecord record) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", record.id());
        item.put("at", record.at().toString());
        item.put("actor", record.actor());
        item.put("action", record.action());
        item.put("target", record.target());
        item.put("details", record.details());
        return item;
    }

    /** A whole number from 1 to {@code max}; {@code absent} when not given. */
    private static long number(String raw, String name, long max, long absent) {
        if (raw == null) {
            return absent;
        }
        long value = DIGITS.matcher(raw).matches() ? Long.parseLong(raw) : -1;
        if (value < 1 || value > max) {
            throw Routes.badQueryParameter(name, "must be a whole number from 1 to " + max + ", got '"
                    + HttpProblem.shown(raw) + "'.");
        }
        return value;
    }
}
