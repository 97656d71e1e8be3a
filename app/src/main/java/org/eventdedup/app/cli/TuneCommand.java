package org.eventdedup.app.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eventdedup.config.domain.rule.ConfigDocument;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.tuning.Objective;
import org.eventdedup.matching.tuning.ParameterChange;
import org.eventdedup.matching.tuning.Quality;
import org.eventdedup.matching.tuning.Suggestion;
import org.eventdedup.matching.tuning.Tuner;
import org.eventdedup.matching.tuning.TunerSettings;
import org.eventdedup.matching.tuning.TuningException;
import org.eventdedup.offline.CliException;
import org.eventdedup.offline.InputLoader;
import org.eventdedup.offline.TruthFile;

/**
 * {@code tune --input PATH... --truth FILE [--config FILE] [--lexicon DIR] [--threads N]
 * [--objective f1|recall@p=0.95|precision@r=0.8] [--folds K] [--seed S] [--json] [--config-out FILE]}: suggests
 * config values from labelled listings ({@link Tuner}) and prints the merge patch with the cross-validated figures
 * before and after. Reads the config like {@code evaluate}. {@code --config-out} also writes the complete suggested
 * config (JSON, readable as {@code --config} by {@code match} and {@code evaluate}); nothing is saved anywhere else.
 */
public final class TuneCommand {

    static final String NAME = "tune";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    public TuneCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    public int run(List<String> args) {
        try {
            CliOptions options = CliOptions.parse(NAME, args, CliOptions.spec(
                    "--input", CliOptions.Arity.MANY, "--truth", CliOptions.Arity.ONE,
                    "--config", CliOptions.Arity.ONE, "--lexicon", CliOptions.Arity.ONE,
                    "--threads", CliOptions.Arity.ONE, "--objective", CliOptions.Arity.ONE,
                    "--folds", CliOptions.Arity.ONE, "--seed", CliOptions.Arity.ONE, "--json", CliOptions.Arity.FLAG,
                    "--config-out", CliOptions.Arity.ONE));
            List<String> inputs = options.required("--input");
            Path truthFile = Path.of(options.required("--truth").get(0));
            Objective objective = objective(options);
            TunerSettings settings = settings(options);
            Optional<OutputTarget> configOut = options.optional("--config-out")
                    .map(value -> OutputTarget.of(NAME, "--config-out", value));
            if (!Files.isRegularFile(truthFile)) {
                throw new CliException(NAME + ": truth file not found: " + truthFile);
            }
            MatchSetup setup = MatchSetup.resolve(NAME, options, environment);
            InputLoader.Loaded input = new InputLoader(NAME).load(inputs);
            GroundTruth truth = TruthFile.read(NAME, truthFile);

            Suggestion suggestion;
            try {
                suggestion = new Tuner(setup.lexicon()).suggest(input.listings(), truth, setup.config(), objective,
                        settings.withThreads(setup.threads()));
            } catch (TuningException e) {
                throw new CliException(NAME + ": " + e.getMessage());
            }
            setup.notes().forEach(note -> err.println("event-dedup: note: " + note));
            if (configOut.isPresent()) {
                Map<String, Object> document = ConfigDocument.toTree(suggestion.config());
                configOut.get().write(stream -> json(document, stream), out);
            }
            if (options.flag("--json")) {
                json(suggestion.document(), out);
            } else {
                out.print(text(suggestion, setup.configSource()));
            }
            out.flush();
            return Exit.OK;
        } catch (CliException e) {
            err.println("event-dedup: " + e.getMessage());
            return Exit.USAGE;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the result: " + e.getMessage(), e);
        }
    }

    private static Objective objective(CliOptions options) {
        try {
            return Objective.parse(options.optional("--objective").orElse("f1"));
        } catch (IllegalArgumentException e) {
            throw new CliException(NAME + ": --objective: " + e.getMessage());
        }
    }

    private static TunerSettings settings(CliOptions options) {
        int folds = options.positiveInt("--folds", TunerSettings.DEFAULT.folds());
        if (folds < 2) {
            throw new CliException(NAME + ": --folds must be at least 2, was " + folds);
        }
        long seed = options.optional("--seed").map(TuneCommand::seed).orElse(TunerSettings.DEFAULT.seed());
        return TunerSettings.DEFAULT.withFolds(folds).withSeed(seed);
    }

    private static long seed(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CliException(NAME + ": --seed must be a whole number, was \"" + text + "\"");
        }
    }

    /** Pretty JSON; a complete config document written so is also a config file the YAML reader accepts. */
    private static void json(Map<String, Object> document, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
            write(json, document);
            json.writeRaw('\n');
        }
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName((String) entry.getKey());
                write(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                write(json, item);
            }
            json.writeEndArray();
        } else if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Double d) {
            json.writeNumber(d);
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else {
            json.writeString(String.valueOf(value));
        }
    }

    static String text(Suggestion s, String configSource) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "objective %s, %d-fold cross-validation over %d groups of %d labelled"
                        + " listings (%d true pairs, %d labelled candidate pairs), config: %s%n",
                s.objective(), s.folds(), s.labels().groups(), s.labels().labelledListings(), s.labels().truePairs(),
                s.labels().labelledCandidatePairs(), configSource));
        text.append(String.format(Locale.ROOT, "%-8s %16s %16s %16s%n", "held-out", "precision", "recall", "f1"));
        row(text, "before", s.before());
        row(text, "after", s.after());
        if (s.changes().isEmpty()) {
            text.append("no change pays off beyond noise: keep the current config\n");
        } else {
            text.append("suggested changes (merge patch; nothing was saved):\n");
            for (ParameterChange change : s.changes()) {
                text.append(String.format(Locale.ROOT, "  %-44s %8s -> %s%n", change.pointer(),
                        number(change.before()), number(change.after())));
            }
        }
        return text.toString();
    }

    private static void row(StringBuilder text, String name, Quality q) {
        text.append(String.format(Locale.ROOT, "%-8s %8.4f ±%.4f %8.4f ±%.4f %8.4f ±%.4f%n", name,
                q.precision(), q.spread().precision(), q.recall(), q.spread().recall(), q.f1(), q.spread().f1()));
    }

    private static String number(double value) {
        return Double.toString(value);
    }
}
