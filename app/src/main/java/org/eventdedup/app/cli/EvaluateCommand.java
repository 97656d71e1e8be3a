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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.evaluation.PairMetrics;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.pipeline.MatchResult;
import org.eventdedup.matching.pipeline.MatchStats;
import org.eventdedup.matching.pipeline.MatchingPipeline;

/**
 * {@code evaluate --input PATH... --truth FILE [--config FILE] [--lexicon DIR] [--threads N] [--json]} (contract §3):
 * runs the offline pipeline like {@code match} and compares it with labelled truth ({@link GroundTruth}).
 *
 * <ul>
 *   <li><b>pairs</b>: the pairs whose final decision is {@code match} (B §12, multi-signal mode, but over all pairs,
 *       same-source ones included).</li>
 *   <li><b>clusters</b>: every pair of listings inside one cluster of the output, valid <em>and</em> flagged
 *       clusters alike (a flagged cluster is still a predicted group, only marked for review), so transitive merges
 *       count.</li>
 * </ul>
 * True pairs naming a listing that is not in the input are left out (with a note on stderr), so evaluating a subset
 * of the files is fair. {@code --json} prints
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

    /** The figures of one evaluation. */
    record Evaluation(PairMetrics pairs, PairMetrics clusters, MatchStats stats, int truePairs, int droppedTruePairs) {
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
            Evaluation evaluation = evaluate(result, input.listings(), truth);

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

    static Evaluation evaluate(MatchResult result, List<Listing> listings, GroundTruth truth) {
        Set<String> ids = new HashSet<>(listings.size() * 2);
        for (Listing listing : listings) {
            ids.add(listing.id());
        }
        Set<IdPair> truePairs = truth.restrictedTo(ids);

        Set<IdPair> matched = new HashSet<>();
        for (PairDecision d : result.decisions()) {
            if (d.decision() == Decision.MATCH) {
                matched.add(new IdPair(d.a(), d.b()));
            }
        }
        Set<IdPair> clustered = new HashSet<>();
        addPairsWithin(result.clusters(), clustered);
        addPairsWithin(result.flagged(), clustered);

        return new Evaluation(PairMetrics.of(matched, truePairs), PairMetrics.of(clustered, truePairs),
                result.stats(), truePairs.size(), truth.pairs().size() - truePairs.size());
    }

    /** Member lists are sorted by id, so (i, j) with i < j is already in pair order. */
    private static void addPairsWithin(List<List<String>> clusters, Set<IdPair> pairs) {
        for (List<String> members : clusters) {
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    pairs.add(new IdPair(members.get(i), members.get(j)));
                }
            }
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
