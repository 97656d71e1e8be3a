package org.eventdedup.config.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.http.HttpProblem;

/**
 * How this adapter registers its routes: each with the query parameters its handler reads (most read none). Before
 * the handler runs, and so before anything changes, a name the route does not read is a 400 naming it (a typo such
 * as {@code ?limt=} must not be silently ignored), and so is a parameter given twice — as at the worker's endpoints.
 */
final class Routes {
    private final Javalin app;

    Routes(Javalin app) {
        this.app = app;
    }

    /** A route that reads no query parameter. */
    void add(HandlerType method, String path, Handler handler) {
        add(method, path, Set.of(), handler);
    }

    /**
     * A probe ({@code /health}, {@code /ready}): any query is ignored, because load balancers and monitors may add
     * cache-busting parameters, and a probe that fails on them would take a healthy server out of rotation.
     */
    void addProbe(String path, Handler handler) {
        app.addHttpHandler(HandlerType.GET, path, handler);
    }

    void add(HandlerType method, String path, Set<String> query, Handler handler) {
        Set<String> known = Set.copyOf(query);
        app.addHttpHandler(method, path, ctx -> {
            check(ctx.queryParamMap(), known);
            handler.handle(ctx);
        });
    }

    static void check(Map<String, List<String>> given, Set<String> known) {
        for (Map.Entry<String, List<String>> parameter : given.entrySet()) {
            String name = parameter.getKey();
            if (!known.contains(name)) {
                throw badQueryParameter(HttpProblem.shown(name), "is not known here; " + (known.isEmpty()
                        ? "this endpoint takes no query parameters."
                        : "use " + String.join(", ", known.stream().sorted().toList()) + "."));
            }
            if (parameter.getValue().size() > 1) {
                throw badQueryParameter(name, "may be given only once, got " + parameter.getValue().size()
                        + " values.");
            }
        }
    }

    /** 400 naming the query parameter in {@code parameter}; {@code detail} goes on from its name. */
    static HttpProblem badQueryParameter(String name, String detail) {
        return HttpProblem.badParameter(name, "Query parameter '" + name + "' " + detail);
    }
}
