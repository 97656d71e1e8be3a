package org.eventdedup.worker.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import org.eventdedup.config.adapter.http.ConfigHttpServer;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.matching.tuning.TunerSettings;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.adapter.http.WorkerApiClient.Response;
import org.eventdedup.worker.adapter.persistence.JdbiGroundTruthStore;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.eventdedup.worker.adapter.persistence.JdbiListingCategoryCounts;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineQueries;
import org.eventdedup.worker.query.ListingCategories;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import org.eventdedup.worker.adapter.persistence.JdbiPreviewSamples;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.port.PreviewSamples;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunCheckpoint;
import org.eventdedup.worker.tuning.SuggestConfig;
import org.eventdedup.worker.tuning.SuggestionJobs;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/config/suggest} on the real config server over a fresh PostgreSQL database, with listings stored by
 * the real pipeline and labels in the real ground-truth tables. A second server answers 202 at once and reads its sample
 * through a gate the test opens, so the background path (poll, one at a time, cancel) is exercised for certain.
 */
@ExtendWith(FreshDatabaseExtension.class)
class SuggestHttpRoutesIT {

    private static final String AUTH = TestOperators.basic(TestOperators.EDITOR);
    private static final String VIEWER = "vera";

    private final Jdbi jdbi;
    private final ConfigService configService;
    @TempDir
    Path deadLetters;
    private final TestOperators operators = new TestOperators().withViewer(VIEWER);
    private final CountDownLatch gate = new CountDownLatch(1);
    private ConfigHttpServer server;
    private ConfigHttpServer gatedServer;
    private WorkerApiClient api;
    private WorkerApiClient gatedApi;

    SuggestHttpRoutesIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
        this.configService = new ConfigService(persistence.configRepository(), new ReversingSecretCipher(), null,
                null, Clock.systemUTC());
    }

    @BeforeEach
    void start() {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions, source_events, match_decisions, canonical_events,"
                + " canonical_event_sources, pipeline_runs, ai_match_cache, ai_usage_log, ground_truth_pairs,"
                + " ground_truth_listings, ground_truth_imports, config_settings, config_history"
                + " RESTART IDENTITY CASCADE"));
        FileIntake intake = new FileIntake(new JdbiIngestionQueue(jdbi), new DeadLetterDirectory(deadLetters),
                FileIntake.DEFAULT_MAX_BYTES);
        JdbiPipelineQueries queries = new JdbiPipelineQueries(jdbi, Lexicon.EMPTY);
        TunerSettings settings = TunerSettings.DEFAULT.withFolds(3);
        SuggestConfig suggest = new SuggestConfig(new JdbiPreviewSamples(jdbi), configService, Lexicon.EMPTY,
                settings);
        server = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(configService, configService,
                configService, configService, () -> true, null,
                List.of(new WorkerHttpRoutes(queries, queries,
                        new ListingCategories(new JdbiListingCategoryCounts(jdbi)), intake),
                        new SuggestHttpRoutes(new SuggestionJobs(suggest))), operators.server()));
        api = new WorkerApiClient(server.port(), AUTH);

        PreviewSamples gated = (recent, models) -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new CancellationException("cancelled while waiting");
            }
            return new JdbiPreviewSamples(jdbi).read(recent, models);
        };
        SuggestConfig slow = new SuggestConfig(gated, configService, Lexicon.EMPTY, settings);
        gatedServer = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(configService, configService,
                configService, configService, () -> true, null,
                List.of(new SuggestHttpRoutes(new SuggestionJobs(slow), Duration.ZERO)), operators.server()));
        gatedApi = new WorkerApiClient(gatedServer.port(), AUTH);
    }

    @AfterEach
    void stop() {
        gate.countDown();
        server.stop();
        gatedServer.stop();
        api.assertResponsesAreClean();
        gatedApi.assertResponsesAreClean();
    }

    @Test
    void suggests_values_from_the_stored_listings_and_labels_and_saves_nothing() {
        storeLabelledListings();
        String versionBefore = savedConfigs();

        Response r = post(api, "{\"objective\": \"recall@p=0.9\", \"listings\": 1000}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, Object> body = r.json();
        assertThat(body.keySet()).containsExactly("objective", "patch", "changes", "before", "after", "folds",
                "labels");
        assertThat(body).containsEntry("objective", "recall@p=0.9").containsEntry("folds", 3);
        Map<String, Object> before = map(body, "before");
        assertThat(((Number) before.get("tp")).intValue() + ((Number) before.get("fn")).intValue())
                .isEqualTo(12);
        assertThat(map(body, "labels")).containsEntry("labelled_listings", 28).containsEntry("groups", 16)
                .containsEntry("true_pairs", 12);
        assertThat(map(body, "after")).containsKeys("precision", "recall", "f1", "spread");
        assertThat(savedConfigs()).isEqualTo(versionBefore);
    }

    @Test
    void a_bad_request_is_422_naming_each_field() {
        for (String[] bad : new String[][] {
                {"{\"objective\": \"f2\"}", "#/objective", "objective must be f1"},
                {"{\"objective\": \"recall@p=2\"}", "#/objective", "outside (0, 1]"},
                {"{\"objective\": 1}", "#/objective", "must be a string"},
                {"{\"listings\": 0}", "#/listings", "whole number from 1 to 50000"},
                {"{\"listings\": 50001}", "#/listings", "whole number from 1 to 50000"},
                {"{\"listings\": 2.5}", "#/listings", "whole number"},
                {"{\"listings\": \"100\"}", "#/listings", "whole number"},
                {"{\"listing\": 100}", "#/listing", "is not a field of this request"}}) {
            Response r = post(api, bad[0]);
            assertThat(r.status()).as(bad[0]).isEqualTo(422);
            Map<String, Object> error = r.list("errors").get(0);
            assertThat(error).as(bad[0]).containsEntry("pointer", bad[1]);
            assertThat((String) error.get("detail")).as(bad[0]).contains(bad[2]);
        }
    }

    @Test
    void labels_that_cannot_support_a_suggestion_give_409_saying_why() {
        Response r = post(api, null);

        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat((String) r.json().get("detail")).contains("no same-event pair");
    }

    @Test
    void a_viewer_may_not_start_a_suggestion() {
        Response r = api.send("POST", "/api/config/suggest", "application/json", BodyPublishers.ofString("{}"),
                "Authorization", TestOperators.basic(VIEWER));

        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void a_long_suggestion_runs_in_the_background_one_at_a_time_can_be_cancelled_and_polled_to_its_answer() {
        storeLabelledListings();

        Response first = post(gatedApi, "{}");
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        String location = first.header("Location").orElseThrow();
        assertThat(first.json()).containsEntry("status", "running");
        assertThat(location).isEqualTo("/api/config/suggest/" + first.json().get("id"));
        assertThat(get(gatedApi, location).status()).isEqualTo(202);

        Response busy = post(gatedApi, "{}");
        assertThat(busy.status()).isEqualTo(409);
        assertThat((String) busy.json().get("detail")).contains("already running").contains(location);

        assertThat(gatedApi.send("DELETE", location, null, BodyPublishers.noBody(), "Authorization", AUTH).status())
                .isEqualTo(204);
        Response cancelled = pollUntilFinished(location);
        assertThat(cancelled.status()).isEqualTo(409);
        assertThat((String) cancelled.json().get("detail")).contains("cancelled");

        Response second = post(gatedApi, "{\"listings\": 500}");
        assertThat(second.status()).isEqualTo(202);
        String secondLocation = second.header("Location").orElseThrow();
        assertThat(get(gatedApi, location).status()).as("only the latest job is kept").isEqualTo(404);
        gate.countDown();
        Response done = pollUntilFinished(secondLocation);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json()).containsKeys("patch", "before", "after", "folds");
    }

    /** Stored config rows and history entries. */
    private String savedConfigs() {
        return jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) || '/' || (SELECT count(*) FROM config_history) FROM config_settings")
                .mapTo(String.class).one());
    }

    private Response pollUntilFinished(String location) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response r = get(gatedApi, location);
        while (r.status() == 202 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            r = get(gatedApi, location);
        }
        return r;
    }

    /**
     * 16 labelled groups in one town on one day: 12 events listed by two sources (the second title a little
     * different, with or without the point), and 4 single listings whose titles share words with others.
     */
    private void storeLabelledListings() {
        String[] titles = {"Konzert Stadtkapelle", "Flohmarkt Rathausplatz", "Lesung Stadtbibliothek",
                "Orgelkonzert Stadtkirche", "Kinderball Festhalle", "Vortrag Heimatverein", "Jazzabend Kulturkeller",
                "Weinfest Marktplatz", "Wanderung Hochburg", "Theater Kleine Buehne", "Chorkonzert Liederkranz",
                "Basar Gemeindehaus"};
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        StringBuilder entities = new StringBuilder();
        for (int i = 0; i < titles.length; i++) {
            first.add(event("a" + i, titles[i], "19:00", i % 2 == 0));
            second.add(event("b" + i, titles[i] + " Emmendingen", i % 3 == 0 ? "19:30" : "19:00", i % 4 == 0));
            entities.append(i == 0 ? "" : ", ").append("\"E").append(i).append("\": [\"a").append(i)
                    .append("\", \"b").append(i).append("\"]");
        }
        for (int i = 0; i < 4; i++) {
            second.add(event("c" + i, titles[i].split(" ")[0] + " Jugendhaus", "15:00", false));
            entities.append(", \"S").append(i).append("\": [\"c").append(i).append("\"]");
        }
        api.ingest("aaa_01.json", file(first));
        api.ingest("bbb_02.json", file(second));
        var run = new PipelineRun(new JdbiPipelineTransactions(jdbi), configService, Lexicon.EMPTY, null,
                new DeadLetterDirectory(deadLetters), RunCheckpoint.NONE, Clock.systemUTC()).runOnce().orElseThrow();
        assertThat(run.completed()).as(String.valueOf(run.error())).isTrue();
        Object truth;
        try {
            truth = new ObjectMapper().readValue("{\"entities\": {" + entities + "}}", Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new JdbiGroundTruthStore(jdbi).replace(GroundTruth.fromTree(truth), TestOperators.EDITOR);
    }

    private static String event(String id, String title, String time, boolean located) {
        return "{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"source_type\": \"terminliste\","
                + " \"event_dates\": [{\"date\": \"2026-03-02\", \"start_time\": \"" + time + "\"}],"
                + " \"location\": {\"city\": \"Emmendingen\"" + (located
                ? ", \"geo\": {\"latitude\": 48.12, \"longitude\": 7.85, \"confidence\": 0.95}" : "") + "}}";
    }

    private static byte[] file(List<String> events) {
        return ("{\"events\": [" + String.join(", ", events) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static Response post(WorkerApiClient client, String json) {
        return client.send("POST", "/api/config/suggest", json == null ? null : "application/json",
                json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json), "Authorization", AUTH);
    }

    private static Response get(WorkerApiClient client, String path) {
        return client.send("GET", path, null, BodyPublishers.noBody(), "Authorization", AUTH);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }
}
