package org.eventdedup.config.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eventdedup.config.domain.port.in.AuthenticateUseCase;
import org.eventdedup.config.domain.port.in.ConfigHistoryUseCase;
import org.eventdedup.config.domain.port.in.ManageOperatorsUseCase;
import org.eventdedup.config.domain.port.in.ReadConfigUseCase;
import org.eventdedup.config.domain.port.in.RollbackConfigUseCase;
import org.eventdedup.config.domain.port.in.UpdateConfigUseCase;
import org.eventdedup.http.ResponseJson;

/**
 * The HTTP server of the config API (contract §2): {@code /api/config/**}, {@code /api/auth/**},
 * {@code /api/operators}, {@code /health}, {@code /ready} and, when given, the web UI's static files at {@code /}.
 * Every {@code /api/**} request, extra routes included, passes the access control first (sign-in, roles, CSRF). The one public type of this adapter; the composition root
 * starts it with the use cases it needs, plus any other module's routes that should share the port
 * ({@link Dependencies#extraRoutes()}).
 */
public final class ConfigHttpServer {

    /**
     * The request attribute holding the signed-in operator's name (a String) on every {@code /api} request that
     * needed a sign-in, for extra routes that record who acted ({@code ctx.attribute(OPERATOR_ATTRIBUTE)}).
     */
    public static final String OPERATOR_ATTRIBUTE = "operator";

    /**
     * What the server calls.
     *
     * @param ready                   true when the service can serve requests (database reachable, migrated)
     * @param staticFilesClasspathDir classpath directory of the web UI (e.g. {@code "/web"}), served at {@code /}
     *                                when it exists; null for none
     * @param extraRoutes             more routes on the same server (another module's API), registered after the
     *                                config routes. They share this server's settings: problem+json for unknown
     *                                paths (404), wrong methods (405 with Allow), Javalin's own errors and any
     *                                uncaught exception (500 without details), no Server or X-Powered-By
     *                                header, and the access control: a handler runs only for an operator whose
     *                                role allows the request. A route may register {@code app.exception(...)} for
     *                                its own exception types; the most specific handler wins.
     * @param access                  sign-in and operator management
     */
    public record Dependencies(ReadConfigUseCase read, UpdateConfigUseCase update, RollbackConfigUseCase rollback,
                               ConfigHistoryUseCase history, BooleanSupplier ready, String staticFilesClasspathDir,
                               List<Consumer<Javalin>> extraRoutes, Access access) {
        public Dependencies {
            Objects.requireNonNull(read, "read");
            Objects.requireNonNull(update, "update");
            Objects.requireNonNull(rollback, "rollback");
            Objects.requireNonNull(history, "history");
            Objects.requireNonNull(ready, "ready");
            extraRoutes = List.copyOf(Objects.requireNonNull(extraRoutes, "extraRoutes"));
            Objects.requireNonNull(access, "access");
        }

        /** The config API alone. */
        public Dependencies(ReadConfigUseCase read, UpdateConfigUseCase update, RollbackConfigUseCase rollback,
                            ConfigHistoryUseCase history, BooleanSupplier ready, String staticFilesClasspathDir,
                            Access access) {
            this(read, update, rollback, history, ready, staticFilesClasspathDir, List.of(), access);
        }
    }

    /** The use cases behind sign-in and {@code /api/operators} (both implemented by {@code AccessService}). */
    public record Access(AuthenticateUseCase authenticate, ManageOperatorsUseCase operators) {
        public Access {
            Objects.requireNonNull(authenticate, "authenticate");
            Objects.requireNonNull(operators, "operators");
        }
    }

    /**
     * Javalin's own body limit, above ours ({@link RequestBodies#MAX_BYTES}): bodies are read by
     * {@link RequestBodies}, which answers 413 itself; this only guards any other path that might read a body.
     */
    private static final long JAVALIN_MAX_REQUEST_SIZE = 2L * RequestBodies.MAX_BYTES;

    private final Javalin app;

    private ConfigHttpServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts the server.
     *
     * @param port 0 for a random free port (see {@link #port()})
     */
    public static ConfigHttpServer start(int port, Dependencies deps) {
        Objects.requireNonNull(deps, "deps");
        ResponseJson json = new ResponseJson();
        ConfigRoutes routes = new ConfigRoutes(deps, json);
        ProblemResponses problems = new ProblemResponses(json);
        String staticDir = staticDirectory(deps.staticFilesClasspathDir());
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = JAVALIN_MAX_REQUEST_SIZE;
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
                http.addCustomizer(new SecurityHeaders());
            });
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemErrorHandler(json)));
            config.jetty.modifyServletContextHandler(handler ->
                    handler.setErrorHandler(new JettyProblemErrorHandler(json)));
            String assetsDir = staticDir == null ? null : staticDirectory(staticDir + "/assets");
            if (assetsDir != null) {
                // the build names these by their content hash: a changed file gets a new name, so cache for a year
                serveStatic(config, "/assets", assetsDir, "public, max-age=31536000, immutable");
            }
            if (staticDir != null) {
                // index.html names the current bundles: always revalidated
                serveStatic(config, "/", staticDir, "no-cache");
            }
        });
        new AccessControl(deps.access().authenticate()).register(app);
        Routes own = new Routes(app);
        routes.register(own);
        new AccessRoutes(deps.access().authenticate(), deps.access().operators(), json).register(own);
        deps.extraRoutes().forEach(extra -> extra.accept(app));
        problems.register(app);
        app.start(port);
        return new ConfigHttpServer(app);
    }

    /** The port the server listens on (the random one when started with 0). */
    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    private static void serveStatic(io.javalin.config.JavalinConfig config, String hostedPath, String classpathDir,
                                    String cacheControl) {
        config.staticFiles.add(files -> {
            files.hostedPath = hostedPath;
            files.directory = classpathDir;
            files.location = Location.CLASSPATH;
            files.headers = java.util.Map.of("Cache-Control", cacheControl);
        });
    }

    /** The directory when it is on the classpath; Javalin refuses to start with a missing one. */
    private static String staticDirectory(String dir) {
        if (dir == null || dir.isBlank()) {
            return null;
        }
        String normalized = dir.startsWith("/") ? dir : "/" + dir;
        return ConfigHttpServer.class.getResource(normalized) == null ? null : normalized;
    }
}
