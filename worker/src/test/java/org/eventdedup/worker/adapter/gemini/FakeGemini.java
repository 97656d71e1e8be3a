package org.eventdedup.worker.adapter.gemini;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on a random loopback port standing in for Gemini: it records every request and answers from a
 * script (queued replies first, then a responder function), counting how many requests are in flight at once.
 */
public final class FakeGemini implements AutoCloseable {

    /** One request as the server saw it. */
    public record Recorded(String method, String path, String query, Headers headers, String body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** One scripted reply; {@code delay} holds the answer back (for concurrency and timeout tests). */
    public record Reply(int status, String body, Map<String, String> headers, Duration delay) {
        Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, more, delay);
        }

        Reply after(Duration wait) {
            return new Reply(status, body, headers, wait);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Queue<Reply> queued = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<Recorded, Reply> responder = r -> reply(500, "{\"error\": {\"code\": 500, "
            + "\"message\": \"no scripted reply\", \"status\": \"INTERNAL\"}}");

    public FakeGemini() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Replies served in this order, one per request, before the responder takes over. */
    public FakeGemini enqueue(Reply... replies) {
        queued.addAll(List.of(replies));
        return this;
    }

    FakeGemini respondWith(Function<Recorded, Reply> function) {
        responder = function;
        return this;
    }

    public List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    public static Reply reply(int status, String body) {
        return new Reply(status, body, Map.of(), Duration.ZERO);
    }

    public static Reply ok(String body) {
        return reply(200, body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            requests.add(recorded);
            Reply reply = queued.poll();
            if (reply == null) {
                reply = responder.apply(recorded);
            }
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            // no longer in flight once the answer starts: the client may send its next request right after
            inFlight.decrementAndGet();
            counted = false;
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout tests): nothing to answer
        } finally {
            if (counted) {
                inFlight.decrementAndGet();
            }
        }
    }
}
