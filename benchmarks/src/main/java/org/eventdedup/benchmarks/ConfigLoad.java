package org.eventdedup.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Concurrent load on a running server: {@code readers} clients GET one path back to back while
 * {@code editors} clients increment {@code ai.max_output_tokens} with {@code If-Match} (read, add one, PATCH with
 * the version read). Every reader and editor has its own keep-alive connection pool share of one HTTP/1.1 client.
 * Used by the {@code bench-load} command and by the load test, which asserts on the {@link Result}.
 */
public final class ConfigLoad {
    /** The integer the editors increment. */
    public static final String SECTION = "ai";
    public static final String FIELD = "max_output_tokens";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SAMPLES = 20;

    /**
     * @param authorization the {@code Authorization} header sent on every request (null for none)
     */
    public record Plan(URI base, String authorization, String readPath, int readers, int editors, Duration duration) {
    }

    /**
     * What happened.
     *
     * @param readNanos every successful read's latency, sorted
     * @param errors    samples of unexpected answers or failures (at most {@value #MAX_SAMPLES})
     */
    public record Result(Plan plan, long reads, long readErrors, long[] readNanos, long edits, long conflicts,
                         long editErrors, List<String> errors, double seconds) {
        public double readsPerSecond() {
            return seconds == 0 ? 0 : reads / seconds;
        }

        /** Nearest-rank percentile of the read latencies, in milliseconds. */
        public double readPercentileMs(double percent) {
            if (readNanos.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(percent / 100.0 * readNanos.length);
            return readNanos[Math.max(0, rank - 1)] / 1e6;
        }
    }

    private ConfigLoad() {
    }

    public static Result run(Plan plan) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(plan.readers() + plan.editors());
        CountDownLatch ready = new CountDownLatch(plan.readers() + plan.editors());
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        try {
            List<Future<long[]>> readers = new ArrayList<>();
            List<Future<long[]>> editors = new ArrayList<>();
            for (int i = 0; i < plan.readers(); i++) {
                readers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return read(client, plan, deadline[0], errors);
                }));
            }
            for (int i = 0; i < plan.editors(); i++) {
                editors.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return edit(client, plan, deadline[0], errors);
                }));
            }
            ready.await();
            long start = System.nanoTime();
            deadline[0] = start + plan.duration().toNanos();
            go.countDown();
            long reads = 0;
            long readErrors = 0;
            List<long[]> latencies = new ArrayList<>();
            for (Future<long[]> reader : readers) {
                long[] r = get(reader);
                reads += r[0];
                readErrors += r[1];
                latencies.add(Arrays.copyOfRange(r, 2, 2 + (int) r[0]));
            }
            long edits = 0;
            long conflicts = 0;
            long editErrors = 0;
            for (Future<long[]> editor : editors) {
                long[] e = get(editor);
                edits += e[0];
                conflicts += e[1];
                editErrors += e[2];
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] all = new long[(int) reads];
            int at = 0;
            for (long[] part : latencies) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            Arrays.sort(all);
            List<String> samples = errors.stream().limit(MAX_SAMPLES).toList();
            return new Result(plan, reads, readErrors, all, edits, conflicts, editErrors, samples, seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The value of the edited field in a GET /api/config body. */
    public static long value(String configBody) throws IOException {
        return JSON.readTree(configBody).path(SECTION).path(FIELD).asLong();
    }

    private static long[] get(Future<long[]> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("load client failed: " + e.getCause(), e.getCause());
        }
    }

    /** {ok, errors, latency of each ok read...}. */
    private static long[] read(HttpClient client, Plan plan, long deadline, ConcurrentLinkedQueue<String> errors) {
        HttpRequest request = request(plan, plan.readPath()).GET().build();
        long[] out = new long[1024];
        long ok = 0;
        long failed = 0;
        while (System.nanoTime() < deadline) {
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long nanos = System.nanoTime() - start;
                if (response.statusCode() == 200) {
                    if (2 + ok >= out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[(int) (2 + ok)] = nanos;
                    ok++;
                } else {
                    failed++;
                    errors.add("GET " + plan.readPath() + " → " + response.statusCode());
                }
            } catch (IOException e) {
                failed++;
                errors.add("GET " + plan.readPath() + " → " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        out[0] = ok;
        out[1] = failed;
        return out;
    }

    /** {edits, 412s, errors}: read the value and its version, PATCH value + 1 with If-Match. */
    private static long[] edit(HttpClient client, Plan plan, long deadline, ConcurrentLinkedQueue<String> errors) {
        long edits = 0;
        long conflicts = 0;
        long failed = 0;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> current = client.send(request(plan, "/api/config").GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                String etag = current.headers().firstValue("ETag").orElse(null);
                if (current.statusCode() != 200 || etag == null) {
                    failed++;
                    errors.add("GET /api/config (editor) → " + current.statusCode());
                    continue;
                }
                long next = value(current.body()) + 1;
                HttpResponse<String> patched = client.send(request(plan, "/api/config")
                        .header("Content-Type", "application/json").header("If-Match", etag)
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"" + SECTION + "\": {\"" + FIELD
                                + "\": " + next + "}}")).build(), HttpResponse.BodyHandlers.ofString());
                switch (patched.statusCode()) {
                    case 200 -> edits++;
                    case 412 -> conflicts++;
                    default -> {
                        failed++;
                        errors.add("PATCH /api/config → " + patched.statusCode() + " " + shorten(patched.body()));
                    }
                }
            } catch (IOException e) {
                failed++;
                errors.add("editor → " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new long[] {edits, conflicts, failed};
    }

    private static HttpRequest.Builder request(Plan plan, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(plan.base().resolve(path))
                .timeout(Duration.ofSeconds(30));
        if (plan.authorization() != null) {
            builder.header("Authorization", plan.authorization());
        }
        return builder;
    }

    /**
     * The problems of the config history after a run of the editors, empty when it is gapless: versions
     * {@code 1..current} each exactly once, and every entry after {@code fromVersion} changing only the edited field
     * from n to n + 1, continuing the previous entry.
     */
    public static List<String> historyProblems(HttpClient client, URI base, String authorization, long fromVersion)
            throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        List<JsonNode> entries = new ArrayList<>();
        Long before = null;
        while (true) {
            String path = "/api/config/history?limit=500" + (before == null ? "" : "&before=" + before);
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                problems.add("GET " + path + " → " + response.statusCode());
                return problems;
            }
            JsonNode page = JSON.readTree(response.body());
            if (page.isEmpty()) {
                break;
            }
            page.forEach(entries::add);
            before = page.get(page.size() - 1).path("version").asLong();
            if (before <= 1) {
                break;
            }
        }
        // newest first → oldest first
        List<JsonNode> ordered = new ArrayList<>(entries);
        java.util.Collections.reverse(ordered);
        long expectedVersion = 1;
        Long previousNew = null;
        for (JsonNode entry : ordered) {
            long version = entry.path("version").asLong();
            if (version == 0) {
                continue; // the shipped configuration, listed at the end of the history: no save of this run
            }
            if (version != expectedVersion) {
                problems.add("version " + expectedVersion + " expected, found " + version);
                expectedVersion = version;
            }
            expectedVersion++;
            if (version <= fromVersion) {
                continue;
            }
            JsonNode changes = entry.path("changes");
            if (changes.size() != 1 || !changes.get(0).path("path").asText().endsWith(FIELD)) {
                problems.add("version " + version + " changes " + changes + ", expected only " + SECTION + "."
                        + FIELD);
                continue;
            }
            long oldValue = changes.get(0).path("old").asLong();
            long newValue = changes.get(0).path("new").asLong();
            if (newValue != oldValue + 1) {
                problems.add("version " + version + " changes " + FIELD + " from " + oldValue + " to " + newValue);
            }
            if (previousNew != null && oldValue != previousNew) {
                problems.add("version " + version + " starts from " + oldValue + ", the previous version left "
                        + previousNew);
            }
            previousNew = newValue;
        }
        return problems;
    }

    private static String shorten(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
