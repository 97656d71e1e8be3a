package org.eventdedup.worker.adapter.http;

import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.adapter.http.ConfigHttpServer;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.adapter.http.WorkerApiClient.Response;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.adapter.persistence.JdbiListingCategoryCounts;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineQueries;
import org.eventdedup.worker.query.ListingCategories;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunCheckpoint;
import org.eventdedup.worker.run.RunSummary;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker's routes on the real config server (as the app wires them) over a fresh PostgreSQL database, with the
 * real pipeline run in between: upload → run → runs, search and detail over HTTP, and every error status.
 */
@ExtendWith(FreshDatabaseExtension.class)
class WorkerHttpRoutesIT {

    /** Hecklingen is a part of Kenzingen: a city search normalises with the worker's aliases. */
    private static final Lexicon LEXICON = Lexicon.builder().cityAlias("Hecklingen", "Kenzingen").build();

    private static final String VIEWER = "category-reader";

    private final Jdbi jdbi;
    private final ConfigService configService;
    private final TestOperators operators = new TestOperators().withViewer(VIEWER);
    @TempDir
    Path deadLetters;
    private ConfigHttpServer server;
    private WorkerApiClient api;

    WorkerHttpRoutesIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
        this.configService = new ConfigService(persistence.configRepository(), new ReversingSecretCipher(), null,
                null, Clock.systemUTC());
    }

    @BeforeEach
    void start() {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions, source_events, match_decisions, canonical_events,"
                + " canonical_event_sources, pipeline_runs, ai_match_cache, ai_usage_log, config_settings,"
                + " config_history RESTART IDENTITY CASCADE"));
        FileIntake intake = new FileIntake(new JdbiIngestionQueue(jdbi), new DeadLetterDirectory(deadLetters),
                FileIntake.DEFAULT_MAX_BYTES);
        JdbiPipelineQueries queries = new JdbiPipelineQueries(jdbi, LEXICON);
        server = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(configService, configService,
                configService, configService, () -> true, null,
                List.of(new WorkerHttpRoutes(queries, queries,
                        new ListingCategories(new JdbiListingCategoryCounts(jdbi)), intake)), operators.server()));
        api = new WorkerApiClient(server.port(), TestOperators.basic(TestOperators.EDITOR));
    }

    @AfterEach
    void stop() {
        server.stop();
        api.assertResponsesAreClean();
    }

    // ---- the whole way

    @Test
    void an_upload_run_by_the_pipeline_shows_in_runs_search_and_detail() {
        configService.update(new UpdateConfigCommand(Map.of("thresholds", Map.of("high", 0.74)), ApiKeyChange.KEEP,
                Precondition.NONE, "test"));
        Response first = api.ingest("bwb_01.json", fixture("bwb_01.json"));
        Response second = api.ingest("emt_02.json", fixture("emt_02.json"));
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json()).containsEntry("status", "queued").containsEntry("filename", "bwb_01.json")
                .containsEntry("source_code", "bwb").containsEntry("events", 2).containsKey("ingestion_id");
        assertThat(second.status()).isEqualTo(202);

        RunSummary summary = pipeline().runOnce().orElseThrow();
        assertThat(summary.completed()).isTrue();

        Response runs = api.get("/api/runs");
        assertThat(runs.status()).isEqualTo(200);
        assertThat(runs.contentType()).startsWith("application/json");
        assertThat(runs.header("X-Total-Count")).contains("1");
        Map<String, Object> run = runs.jsonList().get(0);
        assertThat(run).containsEntry("id", (int) summary.runId()).containsEntry("status", "completed")
                .containsEntry("mode", "incremental").containsEntry("config_version", 1)
                .containsEntry("config_source", "database").containsEntry("error", null)
                .containsKeys("started_at", "finished_at", "warnings");
        assertThat((String) run.get("started_at")).endsWith("Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) run.get("counts");
        assertThat(counts).containsEntry("ingested", 4).containsEntry("match", 1).containsEntry("canonicals", 3)
                .containsEntry("flagged", 0).containsEntry("ai_resolved", 0)
                .containsKeys("pairs", "ambiguous", "no_match");

        Response detail = api.get("/api/runs/" + summary.runId());
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.json()).containsEntry("config_version", 1).containsKey("timings")
                .containsEntry("ai_usage", List.of());
        assertThat(detail.list("files")).extracting(f -> f.get("ingestion_id"))
                .containsExactly(first.json().get("ingestion_id"), second.json().get("ingestion_id"));
        assertThat(detail.list("files")).extracting(f -> f.get("status")).containsOnly("completed");

        Response found = api.get("/api/canonical-events?q=fasnetsumzug");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).containsEntry("total", 1);
        Map<String, Object> umzug = found.list("items").get(0);
        assertThat(umzug).containsEntry("source_count", 2).containsEntry("first_date", "2026-02-12")
                .containsEntry("config_version", 1);

        Response event = api.get("/api/canonical-events/" + umzug.get("id"));
        assertThat(event.status()).isEqualTo(200);
        Map<String, Object> body = event.json();
        assertThat(body).containsEntry("config_version", 1).containsEntry("source_count", 2)
                .containsKeys("title", "dates", "location", "categories", "created_at", "updated_at");
        assertThat(event.list("sources")).extracting(s -> s.get("id")).containsExactly("bwb-umzug", "emt-umzug");
        assertThat(event.list("sources").get(0)).containsEntry("source_code", "bwb")
                .containsEntry("filename", "bwb_01.json").containsKey("listing");
        @SuppressWarnings("unchecked")
        Map<String, Object> listing = (Map<String, Object>) event.list("sources").get(0).get("listing");
        assertThat(listing).containsEntry("title", "Großer Fasnetsumzug Kenzingen");
        Map<String, Object> decision = event.list("decisions").stream()
                .filter(d -> d.get("a").equals("bwb-umzug") && d.get("b").equals("emt-umzug")).findFirst()
                .orElseThrow();
        assertThat(decision).containsEntry("decision", "match").containsEntry("within_event", true)
                .containsEntry("tier", "deterministic").containsEntry("config_version", 1)
                .containsEntry("a_event_id", umzug.get("id")).containsKeys("combined_score", "signals");
        assertThat((Map<String, Object>) decision.get("signals")).containsKeys("date", "geo", "title",
                "description");
        @SuppressWarnings("unchecked")
        Map<String, Object> provenance = (Map<String, Object>) body.get("field_provenance");
        assertThat(provenance).containsKey("title");
        assertThat(provenance.get("title")).isIn("bwb-umzug", "emt-umzug");
    }

    // ---- runs

    @Test
    void runs_is_an_empty_array_before_the_first_run() {
        Response r = api.get("/api/runs");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[]");
        assertThat(r.header("X-Total-Count")).contains("0");
    }

    @Test
    void runs_are_listed_newest_first_up_to_the_limit() {
        api.ingest("bwb_01.json", fixture("bwb_01.json"));
        long older = pipeline().runOnce().orElseThrow().runId();
        api.ingest("emt_02.json", fixture("emt_02.json"));
        long newer = pipeline().runOnce().orElseThrow().runId();

        Response all = api.get("/api/runs");
        Response one = api.get("/api/runs?limit=1");

        assertThat(all.jsonList()).extracting(r -> ((Number) r.get("id")).longValue()).containsExactly(newer, older);
        assertThat(one.jsonList()).extracting(r -> ((Number) r.get("id")).longValue()).containsExactly(newer);
        assertThat(one.header("X-Total-Count")).contains("2");
    }

    @Test
    void a_run_that_rejected_a_file_lists_the_file_with_its_problems() {
        new JdbiIngestionQueue(jdbi).offer("broken_04.json", "broken", "test", null, fixture("broken_04.json"));
        long id = pipeline().runOnce().orElseThrow().runId();

        Response r = api.get("/api/runs/" + id);

        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> file = r.list("files").get(0);
        assertThat(file).containsEntry("filename", "broken_04.json").containsEntry("status", "failed");
        assertThat((List<?>) file.get("problems")).hasSize(3);
        assertThat((List<?>) r.json().get("warnings")).hasSize(1);
    }

    @Test
    void an_unknown_run_is_a_404_problem() {
        Response r = api.get("/api/runs/4711");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json()).containsEntry("status", 404).containsEntry("title", "Not Found")
                .containsEntry("type", "about:blank").containsEntry("detail", "There is no run with id 4711.");
    }

    @ParameterizedTest
    @CsvSource({
            "/api/runs?limit=0, limit",
            "/api/runs?limit=501, limit",
            "/api/runs?limit=abc, limit",
            "/api/runs?limit=-1, limit",
            "/api/runs?limit=1.5, limit",
            "/api/runs?limit=1&limit=2, limit",
            "/api/runs?limt=5, limt",
            "/api/runs/0, id",
            "/api/runs/-3, id",
            "/api/runs/abc, id",
            "/api/runs/1e3, id",
            "/api/runs/99999999999999999999, id",
            "/api/runs/1?x=1, x",
    })
    void a_bad_runs_parameter_is_a_400_problem_naming_it(String path, String parameter) {
        Response r = api.get(path);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json()).containsEntry("status", 400).containsEntry("parameter", parameter);
        assertThat((String) r.json().get("detail")).contains("'" + parameter + "'");
    }

    @Test
    void a_wrong_method_on_runs_is_a_405_problem() {
        Response r = api.send("DELETE", "/api/runs", null, BodyPublishers.noBody());

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow").orElseThrow()).contains("GET");
    }

    // ---- ingest

    @Test
    void the_same_content_again_answers_200_with_the_existing_ingestion_id() {
        Response first = api.ingest("bwb_01.json", fixture("bwb_01.json"));
        Response queued = api.ingest("bwb_copy.json", fixture("bwb_01.json"));
        pipeline().runOnce().orElseThrow();
        Response processed = api.ingest("bwb_01.json", fixture("bwb_01.json"));

        Object id = first.json().get("ingestion_id");
        assertThat(queued.status()).isEqualTo(200);
        assertThat(queued.json()).containsEntry("status", "already_queued").containsEntry("ingestion_id", id);
        assertThat(processed.status()).isEqualTo(200);
        assertThat(processed.json()).containsEntry("status", "already_processed").containsEntry("ingestion_id", id);
        assertThat(count("file_ingestions")).isEqualTo(1);
    }

    @Test
    void the_file_name_may_come_as_a_query_parameter() {
        Response r = api.send("POST", "/api/ingest?name=emt_02.json", "application/json; charset=UTF-8",
                BodyPublishers.ofByteArray(fixture("emt_02.json")));

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json()).containsEntry("filename", "emt_02.json").containsEntry("source_code", "emt");
        String row = jdbi.withHandle(h -> h.createQuery("SELECT origin || ' ' || source_code FROM file_ingestions")
                .mapTo(String.class).one());
        assertThat(row).isEqualTo("api emt");
    }

    @Test
    void a_file_that_fails_validation_is_a_422_listing_every_problem_and_nothing_is_stored() throws IOException {
        Response r = api.ingest("broken_04.json", fixture("broken_04.json"));

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json()).containsEntry("type", "urn:event-dedup:problem:invalid-input-file")
                .containsEntry("filename", "broken_04.json");
        List<Map<String, Object>> errors = r.list("errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactlyInAnyOrder("/events/0/title",
                "/events/0/event_dates/0/date", "/events/1/id");
        assertThat(errors).extracting(e -> e.get("pointer")).contains("#/events/0/title");
        assertThat(errors).allSatisfy(e -> assertThat(e).containsKeys("event_index", "event_id", "reason",
                "detail"));
        assertThat(errors).filteredOn(e -> "/events/0/title".equals(e.get("field"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("event_index", 0).containsEntry("event_id", "bad-1"));
        assertThat(count("file_ingestions")).isZero();
        try (var files = Files.list(deadLetters)) {
            assertThat(files).as("an upload rejected at once leaves no dead letter").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1, 2]", "{\"events\": 5}", "{\"events\": []} trailing"})
    void a_body_that_is_no_input_file_is_a_422_problem(String body) {
        Response r = api.ingest("bwb_x.json", body.getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.list("errors")).isNotEmpty();
        assertThat(count("file_ingestions")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bwb_01.txt", "../bwb_01.json", "_bwb.json", ".json", ".hidden.json", "a b.json",
            "bwb/01.json", "bwb_01.JSON"})
    void a_bad_file_name_is_a_400_problem_naming_name(String name) {
        Response r = api.send("POST", "/api/ingest?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                "application/json", BodyPublishers.ofByteArray(fixture("bwb_01.json")));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).containsEntry("parameter", "name");
    }

    @Test
    void a_file_name_longer_than_200_characters_is_a_400_problem() {
        Response r = api.ingest("b".repeat(196) + ".json", fixture("bwb_01.json"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).containsEntry("parameter", "name");
    }

    @Test
    void an_upload_without_a_name_or_with_two_different_names_is_a_400_problem() {
        Response none = api.send("POST", "/api/ingest", "application/json",
                BodyPublishers.ofByteArray(fixture("bwb_01.json")));
        Response both = api.send("POST", "/api/ingest?name=bwb_01.json", "application/json",
                BodyPublishers.ofByteArray(fixture("bwb_01.json")), "X-File-Name", "emt_01.json");

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json()).containsEntry("parameter", "name");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json()).containsEntry("parameter", "name");
        assertThat(count("file_ingestions")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "multipart/form-data; boundary=x", "application/json; charset=latin1",
            "application/x-www-form-urlencoded"})
    void another_content_type_is_a_415_problem(String contentType) {
        Response r = api.send("POST", "/api/ingest", contentType, BodyPublishers.ofByteArray(fixture("bwb_01.json")),
                "X-File-Name", "bwb_01.json");

        assertThat(r.status()).isEqualTo(415);
        assertThat(count("file_ingestions")).isZero();
    }

    @Test
    void an_upload_without_content_type_is_a_415_problem() {
        Response r = api.send("POST", "/api/ingest", null, BodyPublishers.ofByteArray(fixture("bwb_01.json")),
                "X-File-Name", "bwb_01.json");

        assertThat(r.status()).isEqualTo(415);
    }

    @Test
    void a_body_over_10_mib_sent_chunked_is_a_413_problem() {
        byte[] body = new byte[Uploads.MAX_BYTES + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        Response r = api.send("POST", "/api/ingest", "application/json",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), "X-File-Name", "big_01.json");

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json()).containsEntry("max_bytes", Uploads.MAX_BYTES);
        assertThat(count("file_ingestions")).isZero();
    }

    @Test
    void a_declared_content_length_over_10_mib_is_a_413_problem_before_the_body_is_read() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + TestOperators.basic(TestOperators.EDITOR) + "\r\n"
                    + "X-File-Name: big_01.json\r\nContent-Length: " + (Uploads.MAX_BYTES + 1)
                    + "\r\nConnection: close\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .contains("\"max_bytes\":" + Uploads.MAX_BYTES);
        }
    }

    // ---- canonical events

    @Test
    void without_criteria_all_events_come_ordered_by_first_date() {
        threeEvents();
        Response r = api.get("/api/canonical-events");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("total", 3).containsEntry("limit", 50).containsEntry("offset", 0);
        assertThat(r.header("X-Total-Count")).contains("3");
        assertThat(firstDates(r)).containsExactly("2026-02-12", "2026-03-01", "2026-04-18");
    }

    @Test
    void paging_keeps_the_order_and_the_total() {
        threeEvents();
        Response second = api.get("/api/canonical-events?limit=1&offset=1");
        Response beyond = api.get("/api/canonical-events?limit=2&offset=3");

        assertThat(titles(second)).containsExactly("Frühjahrskonzert Musikverein");
        assertThat(second.json()).containsEntry("total", 3).containsEntry("limit", 1).containsEntry("offset", 1);
        assertThat(beyond.list("items")).isEmpty();
        assertThat(beyond.json()).containsEntry("total", 3);
    }

    @Test
    void q_matches_the_title_case_insensitively() {
        threeEvents();
        assertThat(titles(api.get("/api/canonical-events?q=FLOHMARKT"))).containsExactly("Flohmarkt am Rathaus");
        assertThat(titles(api.get("/api/canonical-events?q=" + enc("frühjahrs"))))
                .containsExactly("Frühjahrskonzert Musikverein");
        assertThat(titles(api.get("/api/canonical-events?q=%20%20"))).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "_", "Floh%markt", "F_ohmarkt", "\\", "' OR '1'='1", "'; DROP TABLE x; --"})
    void wildcards_and_quotes_in_q_are_taken_literally(String q) {
        threeEvents();
        Response r = api.get("/api/canonical-events?q=" + enc(q));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("total", 0);
    }

    @Test
    void city_matches_the_normalised_city_of_any_source_including_aliases() {
        threeEvents();
        assertThat(titles(api.get("/api/canonical-events?city=kenzingen")))
                .containsExactly("Großer Fasnetsumzug in Kenzingen");
        assertThat(titles(api.get("/api/canonical-events?city=" + enc("  EMMENDINGEN "))))
                .containsExactly("Frühjahrskonzert Musikverein");
        assertThat(titles(api.get("/api/canonical-events?city=Hecklingen")))
                .as("a part of Kenzingen").containsExactly("Großer Fasnetsumzug in Kenzingen");
        assertThat(api.get("/api/canonical-events?city=Freiburg").json()).containsEntry("total", 0);
    }

    @Test
    void a_date_range_finds_the_events_that_overlap_it() {
        threeEvents();
        assertThat(firstDates(api.get("/api/canonical-events?date_from=2026-03-01")))
                .containsExactly("2026-03-01", "2026-04-18");
        assertThat(firstDates(api.get("/api/canonical-events?date_to=2026-03-01")))
                .containsExactly("2026-02-12", "2026-03-01");
        assertThat(firstDates(api.get("/api/canonical-events?date_from=2026-02-12&date_to=2026-02-12")))
                .containsExactly("2026-02-12");
        assertThat(firstDates(api.get("/api/canonical-events?date_from=2026-02-13&date_to=2026-02-28")))
                .isEmpty();
    }

    @Test
    void criteria_combine() {
        threeEvents();
        Response r = api.get("/api/canonical-events?q=umzug&city=Kenzingen&date_from=2026-02-01"
                + "&date_to=2026-02-28");

        assertThat(titles(r)).containsExactly("Großer Fasnetsumzug in Kenzingen");
    }

    @Test
    void an_unknown_event_is_a_404_problem() {
        Response r = api.get("/api/canonical-events/999999");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json()).containsEntry("detail", "There is no canonical event with id 999999.");
    }

    @Test
    void the_detail_lists_decisions_with_listings_of_other_events_too() {
        api.ingest("bwb_01.json", fixture("bwb_01.json"));
        api.ingest("kfn_01.json", """
                {"events": [{"id": "kfn-kinder", "title": "Kinderball der Narrenzunft im Bürgerhaus",
                  "description": "Kinderfasnet mit Spielen und Musik.", "source_type": "terminliste",
                  "event_dates": [{"date": "2026-02-12", "start_time": "14:00"}],
                  "location": {"name": "Bürgerhaus", "city": "Kenzingen",
                               "geo": {"latitude": 48.191, "longitude": 7.771, "confidence": 0.95}}}]}
                """.getBytes(StandardCharsets.UTF_8));
        pipeline().runOnce().orElseThrow();
        long umzug = ((Number) api.get("/api/canonical-events?q=umzug").list("items").get(0).get("id"))
                .longValue();

        Response r = api.get("/api/canonical-events/" + umzug);

        assertThat(r.list("sources")).extracting(s -> s.get("id")).containsExactly("bwb-umzug");
        Map<String, Object> decision = r.list("decisions").get(0);
        assertThat(decision).containsEntry("a", "bwb-umzug").containsEntry("b", "kfn-kinder")
                .containsEntry("within_event", false).containsEntry("a_event_id", (int) umzug);
        assertThat(decision.get("decision")).isNotEqualTo("match");
        assertThat(((Number) decision.get("b_event_id")).longValue()).isNotEqualTo(umzug);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "limit=0|limit",
            "limit=501|limit",
            "limit=ten|limit",
            "offset=-1|offset",
            "offset=x|offset",
            "offset=99999999999|offset",
            "date_from=2026-2-1|date_from",
            "date_from=2026-02-30|date_from",
            "date_to=12.02.2026|date_to",
            "date_to=2026-02-12T10:00|date_to",
            "date_from=2026-03-01&date_to=2026-02-01|date_from",
            "city=---|city",
            "city=a%00b|city",
            "q=a%01b|q",
            "q=x&q=y|q",
            "title=x|title",
    })
    void a_bad_search_parameter_is_a_400_problem_naming_it(String query, String parameter) {
        Response r = api.get("/api/canonical-events?" + query);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).containsEntry("parameter", parameter);
    }

    @Test
    void q_and_city_longer_than_200_characters_are_400_problems() {
        assertThat(api.get("/api/canonical-events?q=" + "a".repeat(201)).json()).containsEntry("parameter", "q");
        assertThat(api.get("/api/canonical-events?city=" + "a".repeat(201)).json())
                .containsEntry("parameter", "city");
        assertThat(api.get("/api/canonical-events?q=" + "a".repeat(200)).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "x", "1.0", "99999999999999999999"})
    void a_bad_event_id_is_a_400_problem_naming_id(String id) {
        Response r = api.get("/api/canonical-events/" + id);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).containsEntry("parameter", "id");
    }

    // ---- listing categories

    @Test
    void categories_of_the_stored_listings_come_with_counts_case_folded_most_frequent_first_for_a_viewer() {
        threeEvents();
        String recased = new String(fixture("bwb_01.json"), StandardCharsets.UTF_8).replace("\"bwb-", "\"kat-")
                .replace("\"fasnacht\"", "\"Fasnacht\"").replace("\"musik\"", "\"Musik\"");
        api.ingest("bwb_05.json", recased.getBytes(StandardCharsets.UTF_8));
        pipeline().runOnce().orElseThrow();

        Response r = new WorkerApiClient(server.port(), TestOperators.basic(VIEWER))
                .get("/api/listings/categories");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.jsonList()).containsExactly(
                Map.of("name", "fasnacht", "count", 3),
                Map.of("name", "musik", "count", 2),
                Map.of("name", "markt", "count", 1));
    }

    @Test
    void categories_are_an_empty_list_before_any_listing_is_stored() {
        Response r = api.get("/api/listings/categories");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.jsonList()).isEmpty();
    }

    @Test
    void a_query_parameter_on_categories_is_a_400_problem_naming_it() {
        Response r = api.get("/api/listings/categories?limit=5");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json()).containsEntry("parameter", "limit");
        assertThat((String) r.json().get("detail")).contains("'limit'").contains("takes no query parameters");
    }

    // ---- helpers

    /** Three events after one run: Umzug (Kenzingen, 2026-02-12, two sources), Konzert (03-01), Flohmarkt (04-18). */
    private void threeEvents() {
        api.ingest("bwb_01.json", fixture("bwb_01.json"));
        api.ingest("emt_02.json", fixture("emt_02.json"));
        pipeline().runOnce().orElseThrow();
    }

    private PipelineRun pipeline() {
        return new PipelineRun(new JdbiPipelineTransactions(jdbi), configService, LEXICON, null, new DeadLetterDirectory(deadLetters),
                RunCheckpoint.NONE, Clock.systemUTC());
    }

    private long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    private static byte[] fixture(String name) {
        try (var in = WorkerHttpRoutesIT.class.getResourceAsStream("/pipeline/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<Object> titles(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.list("items").stream().map(i -> i.get("title")).toList();
    }

    private static List<Object> firstDates(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.list("items").stream().map(i -> i.get("first_date")).toList();
    }
}
