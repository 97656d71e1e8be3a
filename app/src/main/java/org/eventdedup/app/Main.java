package org.eventdedup.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eventdedup.app.cli.EvaluateCommand;
import org.eventdedup.app.cli.TuneCommand;
import org.eventdedup.app.cli.MatchCommand;
import org.eventdedup.benchmarks.BenchmarkHost;
import org.eventdedup.benchmarks.ConfigBench;
import org.eventdedup.benchmarks.EngineBenchCommand;
import org.eventdedup.benchmarks.LoadBench;
import org.eventdedup.benchmarks.PreviewBench;
import org.eventdedup.benchmarks.RematchBench;
import org.eventdedup.benchmarks.WorkerBench;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.config.domain.port.in.RotateKeyUseCase;
import org.eventdedup.generator.GenerateCommand;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.offline.CliException;
import org.eventdedup.offline.TruthFile;
import org.eventdedup.worker.port.GroundTruthStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code event-dedup} launcher (contract §3). Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad input,
 * always with a one-line reason on stderr and never a stack trace (those go to the log at DEBUG).
 */
public final class Main {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: java -jar event-dedup.jar [command] [options]

            Commands:
              serve          API + web UI + worker in one process (the default command). Without
                             EVENT_DEDUP_DATABASE_URL it runs an embedded PostgreSQL under
                             EVENT_DEDUP_DATA_DIR (not possible as root).
              api            the HTTP API only, for scaling out; needs EVENT_DEDUP_DATABASE_URL
              worker         the worker only (watches EVENT_DEDUP_EVENT_DATA_DIR, runs the pipeline),
                             for scaling out; needs EVENT_DEDUP_DATABASE_URL
              migrate        apply the database migrations and exit; needs EVENT_DEDUP_DATABASE_URL
              generate-key   print a new Fernet key (for EVENT_DEDUP_ENCRYPTION_KEY)
              rotate-key     re-encrypt the stored API key with the first key of
                             EVENT_DEDUP_ENCRYPTION_KEY; needs EVENT_DEDUP_DATABASE_URL
              match --input PATH... [--config FILE] [--output FILE] [--lexicon DIR] [--threads N]
                             offline pipeline on input files (files or directories of *.json), no
                             database: JSON {stats, decisions, clusters, flagged, canonical_events}
                             to --output or stdout
              evaluate --input PATH... --truth FILE [--config FILE] [--lexicon DIR] [--threads N] [--json]
                             precision, recall and F1 of match decisions and of clusters against
                             truth.json ({"pairs": [[a, b], ...]} and/or {"entities": {...}})
              tune --input PATH... --truth FILE [--config FILE] [--lexicon DIR] [--threads N]
                   [--objective f1|recall@p=0.95|precision@r=0.8] [--folds K] [--seed S] [--json]
                   [--config-out FILE]
                             suggest config values from labelled listings: a merge patch with
                             cross-validated precision, recall and F1 before and after; saves nothing
                             (--config-out writes the complete suggested config for --config)
              ground-truth import FILE
                             replace the stored ground truth (truth.json: {"pairs": [[a, b], ...]}
                             and/or {"entities": {...}}) for the config preview; prints the counts
                             and the ids that are not stored listings; needs EVENT_DEDUP_DATABASE_URL
              generate --listings N --seed S --out DIR
                             synthetic input files of the region (DIR/input/<source>_<date>.json)
                             with truth.json and stats.json; the same N and S give the same bytes
              bench [--seconds N] [--json]
                             measure GET /api/config against GET /health and ConfigProvider.load()
                             on a scratch database; needs EVENT_DEDUP_DATABASE_URL
              bench-engine [--case all|scoring|scaling|e2e] [--listings N] [--rounds R] [--json]
                             engine benchmarks as ratios: scoring on 2 vs 1 threads, N vs 2N listings,
                             N listings end to end in a -Xmx1g child JVM (run from the project root)
              bench-worker [--store N] [--batch N] [--json]
                             worker benchmark on a scratch database (needs EVENT_DEDUP_DATABASE_URL): a
                             batch into stores of N/10 and N listings, full re-match in a -Xmx512m child JVM
              bench-rematch [--listings N] [--seed S] [--high X] [--json]
                             how long a config change and ingestion take in the worker, as ratios
                             against `match` on the same generated files; needs
                             EVENT_DEDUP_DATABASE_URL (run from the project root)
              bench-preview [--store N] [--listings N] [--rounds R] [--json]
                             impact preview benchmark on a scratch database (needs
                             EVENT_DEDUP_DATABASE_URL): N generated listings stored with their truth,
                             the preview of a threshold change timed against one engine run
              bench-load [--seconds N] [--readers N] [--editors N] [--json]
                             load on a scratch database (needs EVENT_DEDUP_DATABASE_URL): N readers of
                             GET /health, then of GET /api/config while editors save with If-Match;
                             throughput, p50/p99 of both, 412s, lost updates, history gaps
              operator add NAME --role viewer|editor|admin [--password-stdin]
              operator passwd NAME [--password-stdin]
              operator disable NAME | operator enable NAME | operator list
                             manage operator accounts (needs EVENT_DEDUP_DATABASE_URL); a password
                             is read from stdin with --password-stdin, else generated and printed
                             once; never taken from the command line
              help           this text

            Settings come from EVENT_DEDUP_* environment variables (see docs/configuration.md).
            Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad input.
            """;

    private static final Set<String> LATER = Set.of();

    private final Map<String, String> environment;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Main(Map<String, String> environment, InputStream in, PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Without stdin (commands that read none). */
    Main(Map<String, String> environment, PrintStream out, PrintStream err) {
        this(environment, InputStream.nullInputStream(), out, err);
    }

    public static void main(String[] args) {
        int code = new Main(System.getenv(), System.in, System.out, System.err).run(args);
        System.exit(code);
    }

    /** Runs one command to its end; for {@code serve} and {@code api} that is when the process is asked to stop. */
    int run(String... args) {
        String command = args.length == 0 ? "serve" : args[0];
        List<String> options = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        try {
            return switch (command) {
                case "serve" -> serve(options, Database.Mode.EMBEDDED_FALLBACK, "serve");
                case "api" -> serve(options, Database.Mode.EXTERNAL_ONLY, "api");
                case "worker" -> worker(options);
                case "migrate" -> migrate(options);
                case "generate-key" -> generateKey(options);
                case "rotate-key" -> rotateKey(options);
                case "ground-truth" -> groundTruth(options);
                case "generate" -> GenerateCommand.run(options, out, err);
                case "bench" -> ConfigBench.run(options, benchmarkHost(), out, err);
                case "bench-engine" -> EngineBenchCommand.run(options, benchmarkHost(), out, err);
                case "bench-worker" -> WorkerBench.run(options, benchmarkHost(), out, err);
                case "bench-rematch" -> RematchBench.run(options, benchmarkHost(), out, err);
                case "bench-preview" -> PreviewBench.run(options, benchmarkHost(), out, err);
                case "bench-load" -> LoadBench.run(options, benchmarkHost(), out, err);
                case "operator" -> new OperatorCommand(in, out).run(options, this::settings);
                case "match" -> new MatchCommand(environment, out, err).run(options);
                case "evaluate" -> new EvaluateCommand(environment, out, err).run(options);
                case "tune" -> new TuneCommand(environment, out, err).run(options);
                case "help", "--help", "-h" -> help();
                default -> {
                    if (LATER.contains(command)) {
                        throw new UsageException(command + " is not available yet in this version");
                    }
                    throw new UsageException("unknown command \"" + oneLine(command) + "\" (run `help` for the list)");
                }
            };
        } catch (UsageException e) {
            err.println("event-dedup: " + e.getMessage());
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("event-dedup: " + command + " interrupted");
            return FAILURE;
        } catch (RuntimeException | Error e) {
            LoggerFactory.getLogger(Main.class).debug("{} failed", command, e);
            err.println("event-dedup: " + command + " failed: " + describe(e));
            return FAILURE;
        }
    }

    private int serve(List<String> options, Database.Mode mode, String command) throws InterruptedException {
        noOptions(command, options);
        AppSettings settings = settings();
        Application application = Application.open(settings, mode, command);
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "event-dedup-shutdown"));
        try {
            application.startHttp(settings.httpPort());
            if ("serve".equals(command)) {
                application.startWorker(settings);
            }
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        application.awaitClose();
        return OK;
    }

    /** The worker role alone: watch the folder and run the pipeline until the process is asked to stop. */
    private int worker(List<String> options) throws InterruptedException {
        noOptions("worker", options);
        AppSettings settings = settings();
        Application application = Application.open(settings, Database.Mode.EXTERNAL_ONLY, "worker");
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "event-dedup-shutdown"));
        try {
            application.startWorker(settings);
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        application.awaitClose();
        return OK;
    }

    private int migrate(List<String> options) {
        noOptions("migrate", options);
        AppSettings settings = settings();
        try (Database ignored = Database.open(settings, Database.Mode.EXTERNAL_ONLY, "migrate")) {
            out.println("Database schema is up to date");
        }
        return OK;
    }

    private int generateKey(List<String> options) {
        noOptions("generate-key", options);
        out.println(FernetKey.generate());
        return OK;
    }

    private int rotateKey(List<String> options) {
        noOptions("rotate-key", options);
        AppSettings settings = settings();
        try (Application application = Application.open(settings, Database.Mode.EXTERNAL_ONLY, "rotate-key")) {
            RotateKeyUseCase.Outcome outcome = application.configService().rotate();
            out.println(switch (outcome) {
                case NO_KEY_STORED -> "No API key is stored: nothing to re-encrypt";
                case ALREADY_CURRENT -> "The stored API key is already encrypted with the first key";
                case REENCRYPTED -> "Re-encrypted the stored API key with the first key of "
                        + AppSettings.ENCRYPTION_KEY;
            });
        }
        return OK;
    }

    /** {@code ground-truth import FILE}: the same rules and answer as {@code POST /api/ground-truth}. */
    private int groundTruth(List<String> options) {
        if (options.size() != 2 || !options.get(0).equals("import")) {
            throw new UsageException("usage: ground-truth import FILE");
        }
        Path file = Path.of(options.get(1));
        if (!Files.isRegularFile(file)) {
            throw new UsageException("ground-truth: truth file not found: " + oneLine(options.get(1)));
        }
        GroundTruth truth;
        try {
            truth = TruthFile.read("ground-truth", file);
        } catch (CliException e) {
            throw new UsageException(e.getMessage());
        }
        AppSettings settings = settings();
        try (Application application = Application.open(settings, Database.Mode.EXTERNAL_ONLY, "ground-truth")) {
            GroundTruthStore.Imported imported = application.groundTruth().replace(truth, "cli");
            out.printf(Locale.ROOT, "Imported %d same-event pairs over %d labelled listings%s%n", imported.pairs(),
                    imported.listings(), imported.skippedPairs() == 0 ? ""
                            : " (" + imported.skippedPairs() + " pairs left out: a listing is not stored)");
            if (imported.unknownListings() > 0) {
                out.printf(Locale.ROOT, "%d listing ids are not stored listings%s: %s%n", imported.unknownListings(),
                        imported.unknownListings() > imported.unknownListingIds().size()
                                ? " (the first " + imported.unknownListingIds().size() + " shown)" : "",
                        String.join(", ", imported.unknownListingIds()));
            }
        }
        return OK;
    }

    /** What the benchmarks get of the product: wired here, with the settings of this environment. */
    private BenchmarkHost benchmarkHost() {
        return new ProductBenchmarkHost(this::settings);
    }

    private int help() {
        out.print(USAGE_TEXT);
        return OK;
    }

    /** Parses the environment and applies the logging settings; every command that touches the system calls it. */
    private AppSettings settings() {
        AppSettings settings = AppSettings.fromEnvironment(environment);
        Logging.configure(settings.logLevel(), settings.logJson());
        Logger log = LoggerFactory.getLogger(Main.class);
        if (!settings.unknownVariables().isEmpty()) {
            log.warn("Ignoring unknown environment variables (typo?): {}", settings.unknownVariables());
        }
        return settings;
    }

    private static void noOptions(String command, List<String> options) {
        if (!options.isEmpty()) {
            throw new UsageException(command + " takes no arguments, got \"" + oneLine(String.join(" ", options))
                    + "\"");
        }
    }

    private static String describe(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (deepest != e && deepest.getMessage() != null && !message.contains(deepest.getMessage())) {
            message = message + ": " + deepest.getMessage();
        }
        return oneLine(message);
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
