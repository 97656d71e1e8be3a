package org.eventdedup.benchmarks;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code bench-load} command: the application on a scratch database of the server named by
 * {@code EVENT_DEDUP_DATABASE_URL} (dropped afterwards), then two phases of equal length with the same clients:
 * {@code --readers} clients on {@code GET /health} (the baseline: the same server, routing and connection handling,
 * no config), then the same number on {@code GET /api/config} while {@code --editors} clients increment a field with
 * If-Match. Prints throughput, p50 and p99 of both, the edits, 412s and errors, whether the final value equals the
 * initial one plus the successful edits, and whether the history is gapless.
 */
public final class LoadBench {
    static final String USAGE = "usage: bench-load [--seconds N] [--readers N] [--editors N] [--json]";

    record Options(int seconds, int readers, int editors, boolean json) {
        static Options parse(List<String> args) {
            int seconds = 30;
            int readers = 50;
            int editors = 5;
            boolean json = false;
            for (int i = 0; i < args.size(); i++) {
                String option = args.get(i);
                if (option.equals("--json")) {
                    json = true;
                    continue;
                }
                if (!List.of("--seconds", "--readers", "--editors").contains(option)) {
                    throw new IllegalArgumentException("unknown option \"" + option + "\" (" + USAGE + ")");
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(option + " needs a value (" + USAGE + ")");
                }
                String value = args.get(++i);
                switch (option) {
                    case "--seconds" -> seconds = (int) BenchOptions.wholeNumber(option, value, 1, 3_600);
                    case "--readers" -> readers = (int) BenchOptions.wholeNumber(option, value, 1, 1_000);
                    default -> editors = (int) BenchOptions.wholeNumber(option, value, 0, 100);
                }
            }
            return new Options(seconds, readers, editors, json);
        }

    }

    /** Both phases and the checks of the edit phase. */
    record Report(Options options, ConfigLoad.Result baseline, ConfigLoad.Result load, long initialValue,
                  long finalValue, List<String> historyProblems) {
        boolean noLostUpdate() {
            return finalValue == initialValue + load.edits();
        }

        String toTable() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "bench-load: %d readers, %d editors (If-Match), %d s per phase,"
                    + " %d CPUs%n", options.readers(), options.editors(), options.seconds(),
                    Runtime.getRuntime().availableProcessors()));
            b.append(String.format(Locale.ROOT, "  %-34s %9s %7s %9s %8s %8s%n", "reads", "requests", "errors",
                    "req/s", "p50 ms", "p99 ms"));
            row(b, "GET /health (baseline)", baseline);
            row(b, "GET /api/config, " + options.editors() + " editors", load);
            b.append(String.format(Locale.ROOT, "  config reads vs baseline: throughput %.2f, p99 %.2f ms vs %.2f ms%n",
                    ratio(), load.readPercentileMs(99), baseline.readPercentileMs(99)));
            b.append(String.format(Locale.ROOT, "  edits: %d saved, %d answered 412, %d errors;"
                            + " value %d -> %d (lost updates: %s); history gapless: %s%n", load.edits(),
                    load.conflicts(), load.editErrors(), initialValue, finalValue, noLostUpdate() ? "none" : "YES",
                    historyProblems.isEmpty() ? "yes" : "NO " + historyProblems.subList(0,
                            Math.min(3, historyProblems.size()))));
            load.errors().forEach(e -> b.append("  error: ").append(e).append('\n'));
            return b.toString();
        }

        double ratio() {
            return baseline.readsPerSecond() == 0 ? 0 : load.readsPerSecond() / baseline.readsPerSecond();
        }

        String toJson() {
            return String.format(Locale.ROOT, "{\"readers\":%d,\"editors\":%d,\"seconds\":%d,\"cpus\":%d,"
                            + "\"baseline\":%s,\"config\":%s,\"throughput_ratio\":%.4f,\"edits\":%d,\"conflicts\":%d,"
                            + "\"edit_errors\":%d,\"initial_value\":%d,\"final_value\":%d,\"lost_updates\":%b,"
                            + "\"history_gapless\":%b}%n", options.readers(), options.editors(), options.seconds(),
                    Runtime.getRuntime().availableProcessors(), json(baseline), json(load), ratio(), load.edits(),
                    load.conflicts(), load.editErrors(), initialValue, finalValue, !noLostUpdate(),
                    historyProblems.isEmpty());
        }

        private static void row(StringBuilder b, String label, ConfigLoad.Result r) {
            b.append(String.format(Locale.ROOT, "  %-34s %9d %7d %9.0f %8.2f %8.2f%n", label, r.reads(),
                    r.readErrors(), r.readsPerSecond(), r.readPercentileMs(50), r.readPercentileMs(99)));
        }

        private static String json(ConfigLoad.Result r) {
            return String.format(Locale.ROOT, "{\"requests\":%d,\"errors\":%d,\"requests_per_second\":%.1f,"
                            + "\"p50_ms\":%.3f,\"p99_ms\":%.3f}", r.reads(), r.readErrors(), r.readsPerSecond(),
                    r.readPercentileMs(50), r.readPercentileMs(99));
        }
    }

    private LoadBench() {
    }

    /** The command: 0 with the report (a finding is not a failure of the command), 2 bad usage, 1 on failure. */
    public static int run(List<String> args, BenchmarkHost host, PrintStream out, PrintStream err)
            throws InterruptedException {
        Options options;
        BenchmarkHost.ScratchServer server;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("event-dedup: bench-load: " + e.getMessage());
            return 2;
        }
        try {
            server = host.scratchServer("bench-load");
        } catch (BenchmarkHost.UnavailableException e) {
            err.println("event-dedup: " + e.getMessage());
            return 2;
        }
        try (BenchmarkHost.ScratchDatabase scratch = server.create("load");
             BenchmarkHost.RunningApplication application = scratch.startApplication()) {
            Report report = measure(application, options, err);
            out.print(options.json() ? report.toJson() : report.toTable());
            return 0;
        } catch (RuntimeException | java.io.IOException e) {
            err.println("event-dedup: bench-load failed: " + e.getMessage());
            return 1;
        }
    }

    private static Report measure(BenchmarkHost.RunningApplication application, Options options, PrintStream err)
            throws InterruptedException, java.io.IOException {
        URI base = application.uri();
        String authorization = application.adminAuthorization();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long initial = currentValue(client, base, authorization);
        Duration phase = Duration.ofSeconds(options.seconds());
        Duration warmup = Duration.ofSeconds(Math.min(5, options.seconds()));
        err.printf(Locale.ROOT, "bench-load: warm-up %d s, then %d s on /health and %d s on /api/config%n",
                warmup.toSeconds(), phase.toSeconds(), phase.toSeconds());
        ConfigLoad.run(new ConfigLoad.Plan(base, authorization, "/health", options.readers(), 0, warmup));
        ConfigLoad.run(new ConfigLoad.Plan(base, authorization, "/api/config", options.readers(), 0, warmup));
        ConfigLoad.Result baseline = ConfigLoad.run(new ConfigLoad.Plan(base, authorization, "/health",
                options.readers(), 0, phase));
        ConfigLoad.Result load = ConfigLoad.run(new ConfigLoad.Plan(base, authorization, "/api/config",
                options.readers(), options.editors(), phase));
        long last = currentValue(client, base, authorization);
        List<String> history = ConfigLoad.historyProblems(client, base, authorization, 0);
        return new Report(options, baseline, load, initial, last, history);
    }

    private static long currentValue(HttpClient client, URI base, String authorization)
            throws java.io.IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/api/config"))
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/config answered " + response.statusCode());
        }
        return ConfigLoad.value(response.body());
    }
}
