package org.eventdedup.worker.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.config.adapter.http.ConfigHttpServer;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.adapter.http.WorkerApiClient.Response;
import org.eventdedup.worker.adapter.persistence.JdbiGroundTruthStore;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.eventdedup.worker.adapter.persistence.JdbiLabelStore;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import org.eventdedup.worker.adapter.persistence.JdbiQualitySource;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.port.LabelStore;
import org.eventdedup.worker.port.LabelStore.Verdict;
import org.eventdedup.worker.query.MeasureQuality;
import org.eventdedup.worker.query.SummariseLabels;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunCheckpoint;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/quality} and {@code GET /api/labels/summary} on the real config server over PostgreSQL. */
@ExtendWith(FreshDatabaseExtension.class)
class QualityHttpRoutesIT {

    private static final String VIEWER = "vera";

    private final Jdbi jdbi;
    private final ConfigService configService;
    private final JdbiLabelStore labels;
    @TempDir
    Path deadLetters;
    private ConfigHttpServer server;
    private WorkerApiClient api;

    QualityHttpRoutesIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
        this.configService = new ConfigService(persistence.configRepository(), new ReversingSecretCipher(), null,
                null, Clock.systemUTC());
        this.labels = new JdbiLabelStore(jdbi, Clock.systemUTC());
    }

    @BeforeEach
    void start() {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions, source_events, match_decisions, canonical_events,"
                + " canonical_event_sources, pipeline_runs, pair_labels, label_changes, audit_log,"
                + " ground_truth_pairs, ground_truth_listings, ground_truth_imports, config_settings, config_history"
                + " RESTART IDENTITY CASCADE"));
        QualityHttpRoutes routes = new QualityHttpRoutes(new MeasureQuality(new JdbiQualitySource(jdbi)),
                new SummariseLabels(labels));
        server = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(configService, configService,
                configService, configService, () -> true, null, List.of(routes),
                new TestOperators().withViewer(VIEWER).server()));
        api = new WorkerApiClient(server.port(), TestOperators.basic(TestOperators.EDITOR));
    }

    @AfterEach
    void stop() {
        server.stop();
        api.assertResponsesAreClean();
    }

    @Test
    void with_nothing_labelled_the_figures_are_null() {
        storeFixtures();

        Response quality = get("/api/quality");

        assertThat(quality.status()).isEqualTo(200);
        assertThat(quality.json()).containsEntry("precision", null).containsEntry("recall", null)
                .containsEntry("f1", null).containsEntry("labelled_pairs", 0).containsEntry("labels", 0)
                .containsEntry("imported_pairs", 0);
        assertThat(get("/api/labels/summary").json()).containsEntry("labels", 0).containsEntry("same", 0)
                .containsEntry("different", 0).containsEntry("contradictions", List.of());
    }

    @Test
    void quality_compares_the_configs_match_decisions_with_imported_truth_joined_by_labels() {
        storeFixtures(); // the two parades are one event, the others singletons
        label("bwb-umzug", "emt-umzug", Verdict.SAME);

        assertThat(get("/api/quality").json()).containsEntry("precision", 1.0).containsEntry("recall", 1.0)
                .containsEntry("f1", 1.0).containsEntry("labelled_pairs", 1).containsEntry("labels", 1)
                .containsEntry("imported_pairs", 0);

        // imported truth says the concert and the flea market are one event: a miss of the config
        new JdbiGroundTruthStore(jdbi).replace(new GroundTruth(Set.of(IdPair.of("bwb-konzert", "emt-flohmarkt")),
                Set.of("bwb-konzert", "emt-flohmarkt"), 0), "alice");
        assertThat(get("/api/quality").json()).containsEntry("precision", 1.0).containsEntry("recall", 0.5)
                .containsEntry("labelled_pairs", 2).containsEntry("imported_pairs", 1);

        // a label wins over the imported pair
        label("bwb-konzert", "emt-flohmarkt", Verdict.DIFFERENT);
        assertThat(get("/api/quality").json()).containsEntry("recall", 1.0).containsEntry("labelled_pairs", 1)
                .containsEntry("labels", 2).containsEntry("imported_pairs", 1);

        // the verdict turned: the config's match is now wrong
        label("bwb-umzug", "emt-umzug", Verdict.DIFFERENT);
        assertThat(get("/api/quality").json()).containsEntry("precision", 0.0).containsEntry("labelled_pairs", 0);
        pipeline().runOnce().orElseThrow();
        assertThat(get("/api/quality").json()).as("the label splits the event, yet the config still matches the"
                        + " pair: the figures measure the config, not the events the labels bind")
                .containsEntry("precision", 0.0).containsEntry("recall", 0.0);
        List<Integer> shared = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM canonical_event_sources"
                + " GROUP BY canonical_event_id HAVING count(*) > 1").mapTo(Integer.class).list());
        assertThat(shared).as("every event is a singleton now").isEmpty();
    }

    @Test
    void the_label_summary_counts_verdicts_and_lists_contradictions_for_viewers_too() {
        storeFixtures();
        label("bwb-konzert", "emt-flohmarkt", Verdict.SAME);
        label("emt-flohmarkt", "emt-umzug", Verdict.SAME);
        label("bwb-konzert", "emt-umzug", Verdict.DIFFERENT);
        label("bwb-umzug", "emt-umzug", Verdict.DIFFERENT);

        Response summary = api.send("GET", "/api/labels/summary", null, BodyPublishers.noBody(), "Authorization",
                TestOperators.basic(VIEWER));

        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json()).containsEntry("labels", 4).containsEntry("same", 2).containsEntry("different", 2);
        assertThat(summary.list("contradictions")).containsExactly(Map.of(
                "ids", List.of("bwb-konzert", "emt-flohmarkt", "emt-umzug"),
                "detail", "bwb-konzert = emt-flohmarkt, emt-flohmarkt = emt-umzug, but bwb-konzert ≠ emt-umzug:"
                        + " the same labels win"));
        assertThat(api.send("GET", "/api/quality", null, BodyPublishers.noBody(), "Authorization",
                TestOperators.basic(VIEWER)).status()).isEqualTo(200);
    }

    @Test
    void unknown_query_parameters_are_refused() {
        for (String path : List.of("/api/quality?x=1", "/api/labels/summary?limit=5")) {
            Response response = get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body()).contains(path.substring(path.indexOf('?') + 1, path.indexOf('=')));
        }
    }

    // ---- helpers

    private void storeFixtures() {
        JdbiIngestionQueue queue = new JdbiIngestionQueue(jdbi);
        for (String name : List.of("bwb_01.json", "emt_02.json")) {
            queue.offer(name, InputFileParser.sourceCode(name), "test", null, fixture(name));
        }
        assertThat(pipeline().runOnce().orElseThrow().completed()).isTrue();
    }

    private PipelineRun pipeline() {
        return new PipelineRun(new JdbiPipelineTransactions(jdbi), configService, Lexicon.EMPTY, null,
                new DeadLetterDirectory(deadLetters), labels, RunCheckpoint.NONE, Clock.systemUTC());
    }

    private void label(String x, String y, Verdict verdict) {
        labels.put(List.of(new LabelStore.NewLabel(IdPair.of(x, y), verdict, null)), "alice",
                new AuditEntry("alice", "label.set", null, Map.of()));
    }

    private Response get(String path) {
        return api.send("GET", path, null, BodyPublishers.noBody(), "Authorization",
                TestOperators.basic(TestOperators.EDITOR));
    }

    private static byte[] fixture(String name) {
        try (var in = QualityHttpRoutesIT.class.getResourceAsStream("/pipeline/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
