package org.eventdedup.app.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.PairMetrics;
import org.eventdedup.matching.pipeline.MatchResult;
import org.eventdedup.matching.pipeline.MatchingPipeline;
import org.eventdedup.offline.CliException;
import org.eventdedup.offline.Evaluation;
import org.eventdedup.offline.InputLoader;
import org.eventdedup.offline.TruthFile;

/**
 * {@code evaluate --input PATH... --truth FILE [--config FILE] [--lexicon DIR] [--threads N] [--json]} (contract §3):
 * runs the offline pipeline like {@code match} and compares it with labelled truth ({@link GroundTruth}) as
 * {@link Evaluation} defines. True pairs naming a listing that is not in the input are left out with a note on
 * stderr. {@code --json} prints
 * {@code {"pairs": {precision, recall, f1, tp, fp, fn}, "clusters": {...}, "decisions": {match, ambiguous, no_match}}}.
 */
public final class EvaluateCommand {

    static final String NAME = "evaluate";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    public EvaluateCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    public int run(List<String> args) {
        try {
            CliOptions options = CliOptions.parse(NAME, args, CliOptions.spec(
                    "--input", CliOptions.Arity.MANY, "--truth", CliOptions.Arity.ONE,
                    "--config", CliOptions.Arity.ONE, "--lexicon", CliOptions.Arity.ONE,
                    "--threads", CliOptions.Arity.ONE, "--json", CliOptions.Arity.FLAG));
            List<String> inputs = options.required("--input");
            Path truthFile = Path.of(options.required("--truth").get(0));
            if (!Files.isRegularFile(truthFile)) {
                throw new CliException(NAME + ": truth file not found: " + truthFile);
            }
            MatchSetup setup = MatchSetup.resolve(NAME, options, environment);
            InputLoader.Loaded input = new InputLoader(NAME).load(inputs);
            GroundTruth truth = TruthFile.read(NAME, truthFile);

            MatchResult result = new MatchingPipeline(setup.lexicon(), null, setup.threads())
                    .run(input.listings(), setup.config(), setup.apiKey());
            Evaluation evaluation = Evaluation.of(result, input.listings(), truth);

            setup.notes().forEach(note -> err.println("event-dedup: note: " + note));
            result.warnings().forEach(warning -> err.println("event-dedup: warning: " + warning));
            if (evaluation.droppedTruePairs() > 0) {
                err.println("event-dedup: note: " + evaluation.droppedTruePairs() + " of "
                        + truth.pairs().size() + " true pairs name listings that are not in the input; left out");
            }
            if (truth.pairsOutsideEntities() > 0) {
                err.println("event-dedup: note: " + truth.pairsOutsideEntities()
                        + " listed pairs are not inside one entity; counted as true pairs as well");
            }
            if (options.flag("--json")) {
                json(evaluation);
            } else {
                out.print(table(evaluation, input, truthFile, setup));
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

    private void json(Evaluation e) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))); // "key": value
            json.writeStartObject();
            metrics(json, "pairs", e.pairs());
            metrics(json, "clusters", e.clusters());
            json.writeObjectFieldStart("decisions");
            json.writeNumberField("match", e.stats().matchCount());
            json.writeNumberField("ambiguous", e.stats().ambiguousCount());
            json.writeNumberField("no_match", e.stats().noMatchCount());
            json.writeEndObject();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    private static void metrics(JsonGenerator json, String field, PairMetrics m) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("precision", m.precision());
        json.writeNumberField("recall", m.recall());
        json.writeNumberField("f1", m.f1());
        json.writeNumberField("tp", m.tp());
        json.writeNumberField("fp", m.fp());
        json.writeNumberField("fn", m.fn());
        json.writeEndObject();
    }

    static String table(Evaluation e, InputLoader.Loaded input, Path truthFile, MatchSetup setup) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%d listings from %d files, %d true pairs in %s, config: %s%n",
                e.stats().totalEvents(), input.files(), e.truePairs(), truthFile, setup.configSource()));
        text.append(String.format(Locale.ROOT, "%-10s %9s %9s %9s %8s %8s %8s%n",
                "", "precision", "recall", "f1", "tp", "fp", "fn"));
        row(text, "pairs", e.pairs());
        row(text, "clusters", e.clusters());
        text.append(String.format(Locale.ROOT, "decisions: %d match, %d ambiguous, %d no_match (%d pairs)%n",
                e.stats().matchCount(), e.stats().ambiguousCount(), e.stats().noMatchCount(),
                e.stats().blockedPairs()));
        text.append("pairs: pairwise match decisions; clusters: every pair inside a cluster, flagged clusters "
                + "included\n");
        return text.toString();
    }

    private static void row(StringBuilder text, String name, PairMetrics m) {
        text.append(String.format(Locale.ROOT, "%-10s %9.4f %9.4f %9.4f %8d %8d %8d%n",
                name, m.precision(), m.recall(), m.f1(), m.tp(), m.fp(), m.fn()));
    }
}
