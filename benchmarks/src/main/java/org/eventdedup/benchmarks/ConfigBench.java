package org.eventdedup.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.ConfigProvider;
import org.eventdedup.config.domain.port.in.EffectiveConfig;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code bench} command: the config API's two performance targets, measured on a scratch database created on the
 * server of {@code EVENT_DEDUP_DATABASE_URL} (and dropped afterwards).
 * <ol>
 * <li>GET /api/config against GET /health on the same server, same Java load generator (fixed thread pool, one
 * keep-alive HTTP/1.1 client), alternating timed rounds after a warm-up. Target: ratio ≥ 0.5.</li>
 * <li>{@link ConfigProvider#load()} with a stored encrypted API key, after warm-up. Targets: median &lt; 1 ms, p99
 * &lt; 5 ms.</li>
 * </ol>
 */
public final class ConfigBench {
    private static final Logger log = LoggerFactory.getLogger(ConfigBench.class);

    static final double RATIO_TARGET = 0.5;
    static final double MEDIAN_TARGET_MS = 1.0;
    static final double P99_TARGET_MS = 5.0;
    private static final int ROUNDS = 2;

    record Options(int seconds, boolean json, int threads, int loads, int warmupLoads, int warmupSeconds) {
        static Options parse(List<String> args) {
            int seconds = 5;
            boolean json = false;
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--json" -> json = true;
                    case "--seconds" -> {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException("bench: --seconds needs a number");
                        }
                        seconds = positive(args.get(++i));
                    }
                    default -> throw new IllegalArgumentException("bench: unknown option \"" + args.get(i)
                            + "\" (usage: bench [--seconds N] [--json])");
                }
            }
            return new Options(seconds, json, 8, 1000, 200, Math.min(seconds, 3));
        }

        private static int positive(String text) {
            try {
                int value = Integer.parseInt(text);
                if (value >= 1 && value <= 600) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("bench: --seconds must be a whole number from 1 to 600, got \"" + text
                    + "\"");
        }
    }

    record Throughput(String endpoint, long requests, long errors, double seconds) {
        double perSecond() {
            return seconds == 0 ? 0 : requests / seconds;
        }
    }

    record Latency(int loads, double medianMs, double p99Ms, double maxMs, double meanMs, List<String> warnings) {
    }

    record Report(Options options, Throughput health, Throughput config, Latency provider) {
        double ratio() {
            return health.perSecond() == 0 ? 0 : config.perSecond() / health.perSecond();
        }

        boolean meetsTargets() {
            return ratio() >= RATIO_TARGET && provider.medianMs() < MEDIAN_TARGET_MS
                    && provider.p99Ms() < P99_TARGET_MS && health.errors() == 0 && config.errors() == 0;
        }

        String toTable() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "HTTP: %d threads, keep-alive, %d s per endpoint in %d alternating"
                    + " rounds after %d s warm-up each (%d CPUs)%n", options.threads(), options.seconds(), ROUNDS,
                    options.warmupSeconds(), Runtime.getRuntime().availableProcessors()));
            b.append(String.format(Locale.ROOT, "  %-16s %10s %8s %10s%n", "endpoint", "requests", "errors", "req/s"));
            for (Throughput t : List.of(health, config)) {
                b.append(String.format(Locale.ROOT, "  %-16s %10d %8d %10.0f%n", t.endpoint(), t.requests(),
                        t.errors(), t.perSecond()));
            }
            b.append(String.format(Locale.ROOT, "  ratio /api/config : /health = %.2f (target >= %.2f: %s)%n",
                    ratio(), RATIO_TARGET, met(ratio() >= RATIO_TARGET)));
            b.append(String.format(Locale.ROOT, "ConfigProvider.load(): %d loads after %d warm-up loads, stored"
                    + " encrypted key%n", provider.loads(), options.warmupLoads()));
            b.append(String.format(Locale.ROOT, "  median %.3f ms (target < %.0f ms: %s)%n", provider.medianMs(),
                    MEDIAN_TARGET_MS, met(provider.medianMs() < MEDIAN_TARGET_MS)));
            b.append(String.format(Locale.ROOT, "  p99    %.3f ms (target < %.0f ms: %s)%n", provider.p99Ms(),
                    P99_TARGET_MS, met(provider.p99Ms() < P99_TARGET_MS)));
            b.append(String.format(Locale.ROOT, "  mean   %.3f ms, max %.3f ms%n", provider.meanMs(),
                    provider.maxMs()));
            provider.warnings().forEach(w -> b.append("  warning: ").append(w).append('\n'));
            return b.toString();
        }

        String toJson() {
            return String.format(Locale.ROOT, "{\"http\":{\"threads\":%d,\"seconds_per_endpoint\":%d,"
                            + "\"health\":%s,\"config\":%s,\"ratio\":%.4f,\"ratio_target\":%.2f},"
                            + "\"provider_load\":{\"loads\":%d,\"median_ms\":%.4f,\"p99_ms\":%.4f,\"mean_ms\":%.4f,"
                            + "\"max_ms\":%.4f,\"median_target_ms\":%.1f,\"p99_target_ms\":%.1f},"
                            + "\"cpus\":%d,\"targets_met\":%s}%n",
                    options.threads(), options.seconds(), json(health), json(config), ratio(), RATIO_TARGET,
                    provider.loads(), provider.medianMs(), provider.p99Ms(), provider.meanMs(), provider.maxMs(),
                    MEDIAN_TARGET_MS, P99_TARGET_MS, Runtime.getRuntime().availableProcessors(), meetsTargets());
        }

        private static String json(Throughput t) {
            return String.format(Locale.ROOT, "{\"requests\":%d,\"errors\":%d,\"requests_per_second\":%.1f}",
                    t.requests(), t.errors(), t.perSecond());
        }

        private static String met(boolean met) {
            return met ? "met" : "MISSED";
        }
    }

    private final Options options;

    private ConfigBench(Options options) {
        this.options = options;
    }

    /**
     * The command: exit 0 with the report (a missed target is a finding, not a failure: the figures say it), 2 for
     * bad usage; a failure is thrown for the launcher to report.
     */
    public static int run(List<String> args, BenchmarkHost host, PrintStream out, PrintStream err)
            throws InterruptedException {
        Options options;
        BenchmarkHost.ScratchServer server;
        try {
            options = Options.parse(args);
            server = host.scratchServer("bench");
        } catch (IllegalArgumentException | BenchmarkHost.UnavailableException e) {
            err.println("event-dedup: " + e.getMessage());
            return 2;
        }
        Report report = new ConfigBench(options).measure(server);
        out.print(options.json() ? report.toJson() : report.toTable());
        return 0;
    }

    private Report measure(BenchmarkHost.ScratchServer server) throws InterruptedException {
        try (BenchmarkHost.ScratchDatabase database = server.create("http");
             BenchmarkHost.RunningApplication application = database.startApplication()) {
            storeApiKey(application);
            Throughput[] http = measureHttp(application.uri(), application.adminAuthorization());
            Latency provider = measureProvider(application.configService());
            return new Report(options, http[0], http[1], provider);
        }
    }

    private static void storeApiKey(BenchmarkHost.RunningApplication application) {
        application.configService().update(new UpdateConfigCommand(Map.of(),
                new ApiKeyChange.Set(SecretString.of("bench-not-a-real-api-key")), Precondition.NONE, "bench"));
    }

    /** @param authorization Basic credentials for GET /api/config (the scratch database's bootstrap admin) */
    private Throughput[] measureHttp(URI base, String authorization) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest health = HttpRequest.newBuilder(base.resolve("/health")).GET().build();
        HttpRequest config = HttpRequest.newBuilder(base.resolve("/api/config")).GET()
                .header("Authorization", authorization).build();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            long warmupNanos = Duration.ofSeconds(options.warmupSeconds()).toNanos();
            log.info("Warming up /health and /api/config for {} s each", options.warmupSeconds());
            drive(pool, client, health, warmupNanos);
            drive(pool, client, config, warmupNanos);
            long roundNanos = Duration.ofSeconds(options.seconds()).toNanos() / ROUNDS;
            long[] healthCounts = new long[3];
            long[] configCounts = new long[3];
            for (int round = 0; round < ROUNDS; round++) {
                add(healthCounts, drive(pool, client, health, roundNanos));
                add(configCounts, drive(pool, client, config, roundNanos));
            }
            return new Throughput[] {
                new Throughput("GET /health", healthCounts[0], healthCounts[1], healthCounts[2] / 1e9),
                new Throughput("GET /api/config", configCounts[0], configCounts[1], configCounts[2] / 1e9)};
        } finally {
            pool.shutdownNow();
        }
    }

    private static void add(long[] sum, long[] part) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += part[i];
        }
    }

    /** All threads send {@code request} back to back until the deadline; returns {ok, errors, elapsed nanos}. */
    private long[] drive(ExecutorService pool, HttpClient client, HttpRequest request, long nanos)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + nanos;
        List<Future<long[]>> workers = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            workers.add(pool.submit(() -> {
                long ok = 0;
                long errors = 0;
                while (System.nanoTime() < deadline) {
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() == 200) {
                            ok++;
                        } else {
                            errors++;
                        }
                    } catch (IOException e) {
                        errors++;
                    }
                }
                return new long[] {ok, errors};
            }));
        }
        long[] total = new long[3];
        for (Future<long[]> worker : workers) {
            try {
                add(total, Arrays.copyOf(worker.get(), 3));
            } catch (ExecutionException e) {
                throw new IllegalStateException("load generator failed: " + e.getCause(), e.getCause());
            }
        }
        total[2] = System.nanoTime() - start;
        return total;
    }

    private Latency measureProvider(ConfigProvider provider) {
        List<String> warnings = new ArrayList<>();
        EffectiveConfig first = provider.load();
        if (first.apiKey().isEmpty()) {
            warnings.add("the provider supplied no API key, so decryption was not measured");
        }
        warnings.addAll(first.warnings());
        for (int i = 0; i < options.warmupLoads(); i++) {
            provider.load();
        }
        long[] nanos = new long[options.loads()];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            provider.load();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        return new Latency(nanos.length, percentile(nanos, 50), percentile(nanos, 99), nanos[nanos.length - 1] / 1e6,
                mean, warnings);
    }

    /** Nearest-rank percentile of sorted values, in milliseconds. */
    static double percentile(long[] sortedNanos, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

}
