package org.eventdedup.worker.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.adapter.http.AuditRoutes;
import org.eventdedup.config.adapter.http.ConfigHttpServer;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.ReadAuditLogUseCase;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.adapter.http.WorkerApiClient.Response;
import org.eventdedup.worker.adapter.persistence.JdbiCanonicalEventExport;
import org.eventdedup.worker.adapter.persistence.JdbiListingCategoryCounts;
import org.eventdedup.worker.adapter.persistence.JdbiCanonicalMembers;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.eventdedup.worker.adapter.persistence.JdbiLabelStore;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineQueries;
import org.eventdedup.worker.adapter.persistence.JdbiReviewQueue;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.labels.Labelling;
import org.eventdedup.worker.labels.ReviewPairs;
import org.eventdedup.worker.query.ListingCategories;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Labels, the review queue, merge and split on the real config server over a fresh PostgreSQL database, as the app
 * wires them: every status, every pointer, and the audit rows the writes leave.
 */
@ExtendWith(FreshDatabaseExtension.class)
class LabelHttpRoutesIT {

    private static final String VIEWER = "vera";

    private final Jdbi jdbi;
    private final ConfigService configService;
    private final ReadAuditLogUseCase auditLog;
    private final TestOperators operators = new TestOperators().withViewer(VIEWER);
    @TempDir
    Path deadLetters;
    private ConfigHttpServer server;
    private WorkerApiClient api;
    private LoopFixtures fixtures;

    LabelHttpRoutesIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
        this.auditLog = persistence.auditLog();
        this.configService = new ConfigService(persistence.configRepository(), new ReversingSecretCipher(), null,
                null, Clock.systemUTC());
    }

    @BeforeEach
    void start() {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions, source_events, match_decisions, canonical_events,"
                + " canonical_event_sources, pair_labels, label_changes, audit_log, config_settings, config_history"
                + " RESTART IDENTITY CASCADE"));
        FileIntake intake = new FileIntake(new JdbiIngestionQueue(jdbi), new DeadLetterDirectory(deadLetters),
                FileIntake.DEFAULT_MAX_BYTES);
        JdbiPipelineQueries queries = new JdbiPipelineQueries(jdbi, Lexicon.EMPTY);
        LabelHttpRoutes loop = new LabelHttpRoutes(
                new Labelling(new JdbiLabelStore(jdbi, Clock.systemUTC()), new JdbiCanonicalMembers(jdbi)),
                new ReviewPairs(new JdbiReviewQueue(jdbi), configService));
        server = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(configService, configService,
                configService, configService, () -> true, null,
                List.of(new WorkerHttpRoutes(queries, queries,
                        new ListingCategories(new JdbiListingCategoryCounts(jdbi)), new JdbiCanonicalEventExport(jdbi), intake), loop,
                        new AuditRoutes(auditLog)),
                operators.server()));
        api = new WorkerApiClient(server.port(), TestOperators.basic(TestOperators.EDITOR));
        fixtures = new LoopFixtures(jdbi);
    }

    @AfterEach
    void stop() {
        server.stop();
        api.assertResponsesAreClean();
    }

    private Response put(String body) {
        return api.send("PUT", "/api/labels", "application/json", BodyPublishers.ofString(body));
    }

    private Response post(String path, String body) {
        return api.send("POST", path, "application/json", BodyPublishers.ofString(body));
    }

    private Response delete(String path) {
        return api.send("DELETE", path, null, BodyPublishers.noBody());
    }

    private List<String> audit() {
        return jdbi.withHandle(h -> h.createQuery("SELECT actor || ' ' || action || ' ' || coalesce(target, '-')"
                + " || ' ' || details::text FROM audit_log ORDER BY id").mapTo(String.class).list());
    }

    // ---- labels

    @Test
    void a_label_is_stored_in_code_point_order_and_listed_newest_first() {
        fixtures.listing("x-1", "Umzug").listing("x-2", "Umzug").listing("x-3", "Ball");

        Response first = put("{\"a\": \"x-2\", \"b\": \"x-1\", \"label\": \"same\", \"note\": \"same poster\"}");
        Response second = put("{\"a\": \"x-1\", \"b\": \"x-3\", \"label\": \"different\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json()).containsEntry("a", "x-1").containsEntry("b", "x-2").containsEntry("label", "same")
                .containsEntry("note", "same poster").containsEntry("labelled_by", TestOperators.EDITOR)
                .containsKey("labelled_at");
        assertThat((String) first.json().get("labelled_at")).endsWith("Z");
        assertThat(second.json()).containsEntry("note", null);

        Response list = api.get("/api/labels?limit=1");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("X-Total-Count")).contains("2");
        assertThat(list.json()).containsEntry("total", 2).containsEntry("limit", 1).containsEntry("offset", 0);
        assertThat(list.list("items")).extracting(i -> i.get("b")).containsExactly("x-3");
        assertThat(api.get("/api/labels?offset=1").list("items")).extracting(i -> i.get("b"))
                .containsExactly("x-2");
    }

    @Test
    void a_new_verdict_replaces_the_old_one_and_the_audit_names_the_previous() {
        fixtures.listing("x-1", "Umzug").listing("x-2", "Umzug");

        put("{\"a\": \"x-1\", \"b\": \"x-2\", \"label\": \"same\"}");
        Response changed = put("{\"a\": \"x-2\", \"b\": \"x-1\", \"label\": \"different\"}");

        assertThat(changed.json()).containsEntry("label", "different");
        assertThat(api.get("/api/labels").json()).containsEntry("total", 1);
        assertThat(audit()).containsExactly(
                "worker-it label.set x-1|x-2 {\"a\": \"x-1\", \"b\": \"x-2\", \"label\": \"same\", \"previous\": \"none\"}",
                "worker-it label.set x-1|x-2 {\"a\": \"x-1\", \"b\": \"x-2\", \"label\": \"different\", \"previous\": \"same\"}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "same id twice           | {\"a\": \"x-1\", \"b\": \"x-1\", \"label\": \"same\"}            | #/b",
            "unknown listing a       | {\"a\": \"nope\", \"b\": \"x-1\", \"label\": \"same\"}           | #/a",
            "unknown listing b       | {\"a\": \"x-1\", \"b\": \"nope\", \"label\": \"same\"}           | #/b",
            "bad label               | {\"a\": \"x-1\", \"b\": \"x-2\", \"label\": \"maybe\"}           | #/label",
            "missing label           | {\"a\": \"x-1\", \"b\": \"x-2\"}                                 | #/label",
            "number as id            | {\"a\": 1, \"b\": \"x-2\", \"label\": \"same\"}                  | #/a",
            "empty id                | {\"a\": \"\", \"b\": \"x-2\", \"label\": \"same\"}               | #/a",
            "NUL in id               | {\"a\": \"x\\u0000\", \"b\": \"x-2\", \"label\": \"same\"}       | #/a",
            "unpaired surrogate      | {\"a\": \"x\\ud800\", \"b\": \"x-2\", \"label\": \"same\"}       | #/a",
            "note not a string       | {\"a\": \"x-1\", \"b\": \"x-2\", \"label\": \"same\", \"note\": 3} | #/note",
            "NUL in note             | {\"a\": \"x-1\", \"b\": \"x-2\", \"label\": \"same\", \"note\": \"a\\u0000\"} | #/note",
            "unknown field           | {\"a\": \"x-1\", \"b\": \"x-2\", \"label\": \"same\", \"why\": 1} | #/why",
    })
    void bad_labels_are_422_naming_the_field_and_store_nothing(String what, String body, String pointer) {
        fixtures.listing("x-1", "Umzug").listing("x-2", "Umzug");

        Response r = put(body);

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.list("errors")).extracting(e -> e.get("pointer")).containsExactly(pointer);
        int labels = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM pair_labels").mapTo(Integer.class).one());
        assertThat(labels).isZero();
        assertThat(audit()).isEmpty();
    }

    @Test
    void a_note_over_1000_characters_is_422() {
        fixtures.listing("x-1", "Umzug").listing("x-2", "Umzug");

        Response r = put("{\"a\": \"x-1\", \"b\": \"x-2\", \"label\": \"same\", \"note\": \"" + "n".repeat(1001)
                + "\"}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.list("errors")).extracting(e -> e.get("pointer")).containsExactly("#/note");
    }

    @Test
    void malformed_and_mistyped_bodies_are_400_and_415() {
        assertThat(put("{\"a\": ").status()).isEqualTo(400);
        assertThat(put("[]").status()).isEqualTo(400);
        assertThat(api.send("PUT", "/api/labels", "text/plain", BodyPublishers.ofString("{}")).status())
                .isEqualTo(415);
    }

    @Test
    void delete_removes_the_label_then_answers_404() {
        fixtures.listing("x-1", "Umzug").listing("x-2", "Umzug");
        put("{\"a\": \"x-1\", \"b\": \"x-2\", \"label\": \"same\"}");

        Response removed = delete("/api/labels?a=x-2&b=x-1");
        Response again = delete("/api/labels?a=x-1&b=x-2");

        assertThat(removed.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(404);
        assertThat(api.get("/api/labels").json()).containsEntry("total", 0);
        assertThat(audit()).hasSize(2).last().asString()
                .isEqualTo("worker-it label.removed x-1|x-2 {\"a\": \"x-1\", \"b\": \"x-2\", \"label\": \"same\"}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing b       | /api/labels?a=x-1                 | b",
            "missing a       | /api/labels?b=x-1                 | a",
            "same twice      | /api/labels?a=x-1&b=x-1           | b",
            "repeated        | /api/labels?a=x-1&a=x-2&b=x-3     | a",
            "unknown         | /api/labels?a=x-1&b=x-2&c=x-3     | c",
            "NUL             | /api/labels?a=x%00&b=x-2          | a",
    })
    void bad_delete_parameters_are_400_naming_them(String what, String path, String parameter) {
        Response r = delete(path);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json()).containsEntry("parameter", parameter);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "limit 0        | /api/labels?limit=0        | limit",
            "limit 501      | /api/labels?limit=501      | limit",
            "offset -1      | /api/labels?offset=-1      | offset",
            "unknown        | /api/labels?page=2         | page",
            "review limit   | /api/review/pairs?limit=201 | limit",
            "review order   | /api/review/pairs?order=best | order",
            "review unknown | /api/review/pairs?sort=score | sort",
    })
    void bad_query_parameters_are_400_naming_them(String what, String path, String parameter) {
        Response r = api.get(path);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json()).containsEntry("parameter", parameter);
    }

    @Test
    void a_viewer_reads_but_may_not_write() {
        fixtures.listing("x-1", "Umzug").listing("x-2", "Umzug");
        long event = fixtures.event("Umzug", 1, "x-1", "x-2");
        String viewer = TestOperators.basic(VIEWER);

        assertThat(api.send("GET", "/api/labels", null, BodyPublishers.noBody(), "Authorization", viewer).status())
                .isEqualTo(200);
        assertThat(api.send("GET", "/api/review/pairs", null, BodyPublishers.noBody(), "Authorization", viewer)
                .status()).isEqualTo(200);
        assertThat(api.send("PUT", "/api/labels", "application/json",
                BodyPublishers.ofString("{\"a\": \"x-1\", \"b\": \"x-2\", \"label\": \"same\"}"),
                "Authorization", viewer).status()).isEqualTo(403);
        assertThat(api.send("DELETE", "/api/labels?a=x-1&b=x-2", null, BodyPublishers.noBody(),
                "Authorization", viewer).status()).isEqualTo(403);
        assertThat(api.send("POST", "/api/canonical-events/" + event + "/split", "application/json",
                BodyPublishers.ofString("{\"groups\": [[\"x-1\"], [\"x-2\"]], \"version\": 1}"),
                "Authorization", viewer).status()).isEqualTo(403);
        assertThat(audit()).isEmpty();
    }

    // ---- review queue

    @Test
    void the_review_queue_holds_unlabelled_ambiguous_pairs_and_matches_at_the_veto_edge() {
        for (String id : List.of("r-1", "r-2", "r-3", "r-4", "r-5", "r-6", "r-7", "r-8")) {
            fixtures.listing(id, "Titel " + id);
        }
        long event = fixtures.event("Titel", 1, "r-1", "r-2");
        // defaults: low 0.35, high 0.75 (middle 0.55), title_veto 0.45
        fixtures.decision("r-1", "r-2", 0.80, 0.56, "ambiguous", 30)   // closest to the middle
                .decision("r-1", "r-3", 0.80, 0.70, "ambiguous", 20)
                .decision("r-2", "r-3", 0.80, 0.40, "ambiguous", 10)   // newest of the queue
                .decision("r-3", "r-4", 0.47, 0.90, "match", 40)       // veto edge
                .decision("r-4", "r-5", 0.60, 0.95, "match", 5)        // sure match: not in the queue
                .decision("r-5", "r-6", 0.10, 0.10, "no_match", 1)
                .decision("r-6", "r-7", 0.80, 0.55, "ambiguous", 1);   // labelled below: not in the queue
        put("{\"a\": \"r-6\", \"b\": \"r-7\", \"label\": \"different\"}");

        Response uncertain = api.get("/api/review/pairs");
        Response byScore = api.get("/api/review/pairs?order=score&limit=2");
        Response recent = api.get("/api/review/pairs?order=recent&offset=1");

        assertThat(uncertain.status()).isEqualTo(200);
        assertThat(uncertain.header("X-Total-Count")).contains("4");
        assertThat(uncertain.json()).containsEntry("total", 4).containsEntry("limit", 20).containsEntry("offset", 0);
        assertThat(uncertain.list("items")).extracting(LabelHttpRoutesIT::pair)
                .containsExactly("r-1 r-2", "r-1 r-3", "r-2 r-3", "r-3 r-4");
        assertThat(byScore.list("items")).extracting(LabelHttpRoutesIT::pair).containsExactly("r-3 r-4", "r-1 r-3");
        assertThat(recent.list("items")).extracting(LabelHttpRoutesIT::pair)
                .containsExactly("r-1 r-3", "r-1 r-2", "r-3 r-4");

        Map<String, Object> first = uncertain.list("items").get(0);
        assertThat(first).containsEntry("combined_score", 0.56).containsEntry("decision", "ambiguous")
                .containsEntry("tier", "deterministic").containsEntry("reason", "ambiguous")
                .containsEntry("config_version", 3)
                .containsEntry("signals", Map.of("date", 1.0, "geo", 0.9, "title", 0.8, "description", 0.2));
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) first.get("a");
        assertThat(a).containsEntry("id", "r-1").containsEntry("title", "Titel r-1")
                .containsEntry("city", "Emmendingen").containsEntry("venue", "Marktplatz")
                .containsEntry("source_code", "fix").containsEntry("source_type", "artikel")
                .containsEntry("canonical_event_id", (int) event)
                .containsEntry("dates", List.of(dateOf("2026-02-12", "14:00:00", null)));
        assertThat((String) a.get("description_excerpt")).hasSize(300);
        @SuppressWarnings("unchecked")
        Map<String, Object> b3 = (Map<String, Object>) uncertain.list("items").get(2).get("b");
        assertThat(b3).containsEntry("canonical_event_id", null);
        assertThat(uncertain.list("items").get(3)).containsEntry("reason", "veto_edge");
    }

    private static Map<String, Object> dateOf(String date, String start, String end) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("date", date);
        map.put("start_time", start);
        map.put("end_time", end);
        return map;
    }

    @SuppressWarnings("unchecked")
    private static String pair(Map<String, Object> item) {
        return ((Map<String, Object>) item.get("a")).get("id") + " " + ((Map<String, Object>) item.get("b")).get("id");
    }

    // ---- merge and split

    @Test
    void merge_labels_every_listing_of_one_event_same_as_every_listing_of_the_other() {
        fixtures.listing("m-1", "Ball").listing("m-2", "Ball").listing("m-3", "Ball");
        long one = fixtures.event("Ball", 2, "m-1", "m-2");
        long other = fixtures.event("Ball", 5, "m-3");

        Response r = post("/api/canonical-events/" + one + "/merge",
                "{\"with\": " + other + ", \"version\": 2, \"with_version\": 5}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Map.of("labels_written", 2, "applied", "next_run"));
        assertThat(api.get("/api/labels").list("items")).extracting(i -> i.get("a") + " " + i.get("b") + " "
                + i.get("label")).containsExactlyInAnyOrder("m-1 m-3 same", "m-2 m-3 same");
        assertThat(audit()).containsExactly("worker-it event.merge " + one + " {\"ids\": [" + one + ", " + other
                + "], \"labels_written\": 2}");
    }

    @Test
    void merge_answers_409_404_and_422_and_writes_nothing() {
        fixtures.listing("m-1", "Ball").listing("m-2", "Ball");
        long one = fixtures.event("Ball", 2, "m-1");
        long other = fixtures.event("Ball", 5, "m-2");
        String path = "/api/canonical-events/" + one + "/merge";

        Response stale = post(path, "{\"with\": " + other + ", \"version\": 1, \"with_version\": 5}");
        Response staleOther = post(path, "{\"with\": " + other + ", \"version\": 2, \"with_version\": 4}");
        Response unknown = post("/api/canonical-events/999/merge", "{\"with\": " + other
                + ", \"version\": 2, \"with_version\": 5}");
        Response unknownWith = post(path, "{\"with\": 999, \"version\": 2, \"with_version\": 5}");
        Response itself = post(path, "{\"with\": " + one + ", \"version\": 2, \"with_version\": 2}");
        Response missing = post(path, "{\"with\": \"x\", \"with_version\": 1.5, \"extra\": true}");
        Response badId = post("/api/canonical-events/abc/merge", "{}");

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("detail").toString()).contains("version 1 was sent, the stored one is 2");
        assertThat(staleOther.status()).isEqualTo(409);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknownWith.status()).isEqualTo(422);
        assertThat(unknownWith.list("errors")).extracting(e -> e.get("pointer")).containsExactly("#/with");
        assertThat(itself.list("errors")).extracting(e -> e.get("pointer")).containsExactly("#/with");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.list("errors")).extracting(e -> e.get("pointer"))
                .containsExactlyInAnyOrder("#/extra", "#/with", "#/version", "#/with_version");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json()).containsEntry("parameter", "id");
        assertThat(audit()).isEmpty();
    }

    @Test
    void split_labels_different_between_groups_and_same_within_each() {
        fixtures.listing("s-1", "Fest").listing("s-2", "Fest").listing("s-3", "Fest");
        long event = fixtures.event("Fest", 3, "s-1", "s-2", "s-3");

        Response r = post("/api/canonical-events/" + event + "/split",
                "{\"groups\": [[\"s-3\", \"s-1\"], [\"s-2\"]], \"version\": 3}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Map.of("labels_written", 3, "applied", "next_run"));
        assertThat(api.get("/api/labels").list("items")).extracting(i -> i.get("a") + " " + i.get("b") + " "
                + i.get("label")).containsExactlyInAnyOrder("s-1 s-3 same", "s-2 s-3 different",
                "s-1 s-2 different");
        assertThat(audit()).containsExactly("worker-it event.split " + event
                + " {\"groups\": [[\"s-3\", \"s-1\"], [\"s-2\"]], \"labels_written\": 3}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "one group only          | {\"groups\": [[\"s-1\", \"s-2\", \"s-3\"]], \"version\": 3}          | #/groups",
            "a listing missing       | {\"groups\": [[\"s-1\"], [\"s-2\"]], \"version\": 3}                 | #/groups",
            "a foreign listing       | {\"groups\": [[\"s-1\", \"s-2\"], [\"s-3\", \"zz\"]], \"version\": 3} | #/groups/1/1",
            "a listing twice         | {\"groups\": [[\"s-1\", \"s-2\"], [\"s-3\", \"s-1\"]], \"version\": 3} | #/groups/1/1",
            "an empty group          | {\"groups\": [[\"s-1\", \"s-2\", \"s-3\"], []], \"version\": 3}      | #/groups/1",
            "a group not an array    | {\"groups\": [[\"s-1\", \"s-2\"], \"s-3\"], \"version\": 3}          | #/groups/1",
            "an id not a string      | {\"groups\": [[\"s-1\", \"s-2\"], [3]], \"version\": 3}              | #/groups/1/0",
            "groups missing          | {\"version\": 3}                                                     | #/groups",
            "version missing         | {\"groups\": [[\"s-1\", \"s-2\"], [\"s-3\"]]}                        | #/version",
    })
    void bad_splits_are_422_naming_the_place(String what, String body, String pointer) {
        fixtures.listing("s-1", "Fest").listing("s-2", "Fest").listing("s-3", "Fest").listing("zz", "Other");
        long event = fixtures.event("Fest", 3, "s-1", "s-2", "s-3");

        Response r = post("/api/canonical-events/" + event + "/split", body);

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.list("errors")).extracting(e -> e.get("pointer")).contains(pointer);
        assertThat(audit()).isEmpty();
    }

    @Test
    void a_stale_or_unknown_split_is_409_or_404() {
        fixtures.listing("s-1", "Fest").listing("s-2", "Fest");
        long event = fixtures.event("Fest", 3, "s-1", "s-2");
        String body = "{\"groups\": [[\"s-1\"], [\"s-2\"]], \"version\": 2}";

        assertThat(post("/api/canonical-events/" + event + "/split", body).status()).isEqualTo(409);
        assertThat(post("/api/canonical-events/" + (event + 1) + "/split", body).status()).isEqualTo(404);
        assertThat(audit()).isEmpty();
    }

    // ---- audit

    @Test
    void the_audit_log_pages_newest_first_with_next_before_and_viewers_may_read_it() {
        fixtures.listing("x-1", "Umzug").listing("x-2", "Umzug");
        configService.update(new UpdateConfigCommand(Map.of("thresholds", Map.of("high", 0.8)), ApiKeyChange.KEEP,
                Precondition.NONE, "alice"));
        put("{\"a\": \"x-1\", \"b\": \"x-2\", \"label\": \"same\"}");
        delete("/api/labels?a=x-1&b=x-2");

        Response first = api.send("GET", "/api/audit?limit=2", null, BodyPublishers.noBody(),
                "Authorization", TestOperators.basic(VIEWER));
        Response rest = api.get("/api/audit?before=" + first.json().get("next_before"));
        Response all = api.get("/api/audit");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.list("items")).extracting(i -> i.get("action")).containsExactly("label.removed",
                "label.set");
        Map<String, Object> newest = first.list("items").get(0);
        assertThat(newest).containsEntry("actor", TestOperators.EDITOR).containsEntry("target", "x-1|x-2")
                .containsEntry("details", Map.of("a", "x-1", "b", "x-2", "label", "same")).containsKeys("id", "at");
        assertThat((String) newest.get("at")).endsWith("Z");
        assertThat(first.json().get("next_before")).isEqualTo(first.list("items").get(1).get("id"));
        assertThat(rest.list("items")).extracting(i -> i.get("action")).containsExactly("config.save");
        assertThat(rest.json()).containsEntry("next_before", null);
        assertThat(all.list("items")).hasSize(3);
        assertThat(all.json()).containsEntry("next_before", null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "limit 0       | /api/audit?limit=0          | limit",
            "limit 501     | /api/audit?limit=501        | limit",
            "before 0      | /api/audit?before=0         | before",
            "before text   | /api/audit?before=abc       | before",
            "repeated      | /api/audit?limit=1&limit=2  | limit",
            "unknown       | /api/audit?offset=5         | offset",
    })
    void bad_audit_parameters_are_400_naming_them(String what, String path, String parameter) {
        Response r = api.get(path);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json()).containsEntry("parameter", parameter);
    }
}
