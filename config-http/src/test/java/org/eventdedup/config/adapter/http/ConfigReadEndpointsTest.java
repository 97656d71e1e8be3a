package org.eventdedup.config.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.Thresholds;
import org.eventdedup.config.domain.port.in.ConfigView;
import org.eventdedup.config.domain.port.in.ReadConfigUseCase;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.rule.ConfigDocument;
import org.eventdedup.config.domain.service.ConfigService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfigReadEndpointsTest {
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void get_config_returns_the_built_in_document_with_metadata_before_the_first_save() {
        server = TestServer.start();

        HttpResult r = server.get("/api/config");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.header("ETag")).contains("\"0\"");
        Map<String, Object> body = r.json();
        assertThat(body).containsKeys("scoring", "thresholds", "geo", "date", "title", "cluster", "canonical", "ai",
                "category_weights", "blocking");
        assertThat(body).containsEntry("has_api_key", false).containsEntry("api_key_source", null)
                .containsEntry("updated_at", null).containsEntry("updated_by", null).containsEntry("version", 0)
                .containsEntry("source", "defaults");
        assertThat(r.at("/thresholds/high")).isEqualTo(0.75);
        assertThat(r.at("/title/cross_source_type")).isNull();
        assertThat(((Map<String, Object>) body.get("ai")).keySet()).doesNotContain("api_key");
    }

    @Test
    void get_config_renders_exactly_the_domain_document_plus_six_metadata_fields() {
        server = TestServer.start();

        Map<String, Object> body = server.get("/api/config").json();

        Map<String, Object> document = ConfigDocument.toTree(MatchingConfig.DEFAULT);
        assertThat(body.keySet()).containsExactlyElementsOf(concat(document.keySet(),
                List.of("has_api_key", "api_key_source", "updated_at", "updated_by", "version", "source")));
    }

    @Test
    void numbers_are_written_plainly_without_exponents() {
        server = TestServer.start();
        server.patch("{\"ai\":{\"cost_per_1m_input_tokens\":0.00001}}");

        HttpResult r = server.get("/api/config");

        assertThat(r.body()).contains("\"cost_per_1m_input_tokens\":0.00001").doesNotContainPattern("\\dE-?\\d");
    }

    @Test
    void get_config_with_the_current_etag_in_if_none_match_answers_304_without_body() {
        server = TestServer.start();
        String etag = server.get("/api/config").header("ETag").orElseThrow();

        HttpResult r = server.get("/api/config", "If-None-Match", etag);

        assertThat(r.status()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(r.header("ETag")).contains(etag);
    }

    @Test
    void head_config_answers_the_etag_without_a_body() {
        server = TestServer.start();

        HttpResult r = server.send("HEAD", "/api/config", null, java.net.http.HttpRequest.BodyPublishers.noBody());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("ETag")).contains("\"0\"");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void get_config_with_a_stale_etag_in_if_none_match_answers_200() {
        server = TestServer.start();
        server.patch("{\"thresholds\":{\"high\":0.8}}");

        HttpResult r = server.get("/api/config", "If-None-Match", "\"0\", W/\"7\"");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("ETag")).contains("\"1\"");
    }

    @Test
    void get_config_shows_the_file_as_source_and_file_values_before_the_first_save() {
        server = TestServer.withFileConfig(fileConfig());

        HttpResult r = server.get("/api/config");

        assertThat(r.json()).containsEntry("source", "file").containsEntry("version", 0);
        assertThat(r.at("/thresholds/high")).isEqualTo(0.7);
    }

    @Test
    void get_config_reports_an_environment_key_without_revealing_it() {
        server = TestServer.withEnvironmentKey(TestServer.key("env"));

        HttpResult r = server.get("/api/config");

        assertThat(r.json()).containsEntry("has_api_key", false).containsEntry("api_key_source", "environment");
    }

    @Test
    void get_config_sees_a_save_made_by_another_server_on_the_same_database() {
        server = TestServer.start();
        server.get("/api/config");
        ConfigService otherServer = new ConfigService(server.repository, server.cipher, null, null,
                java.time.Clock.systemUTC());
        otherServer.update(new UpdateConfigCommand(Map.of("thresholds", Map.of("high", 0.9)),
                org.eventdedup.config.domain.port.in.ApiKeyChange.KEEP,
                org.eventdedup.config.domain.port.in.Precondition.NONE, "other"));

        HttpResult r = server.get("/api/config");

        assertThat(r.at("/thresholds/high")).isEqualTo(0.9);
        assertThat(r.json()).containsEntry("version", 1).containsEntry("updated_by", "other");
        assertThat(r.header("ETag")).contains("\"1\"");
    }

    @Test
    void defaults_returns_the_file_over_built_ins_in_the_same_shape_even_after_saves() {
        server = TestServer.withFileConfig(fileConfig());
        server.patch("{\"thresholds\":{\"high\":0.9}}");

        HttpResult r = server.get("/api/config/defaults");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.at("/thresholds/high")).isEqualTo(0.7);
        assertThat(r.json()).containsEntry("source", "file").containsEntry("version", 0)
                .containsKeys("has_api_key", "api_key_source", "updated_at", "updated_by");
    }

    @Test
    void schema_is_a_json_schema_2020_12_of_the_document() {
        server = TestServer.start();

        HttpResult r = server.get("/api/config/schema");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json()).containsEntry("$schema", "https://json-schema.org/draft/2020-12/schema")
                .containsEntry("type", "object");
        assertThat(r.at("/properties/thresholds/properties/high/type")).isEqualTo("number");
        assertThat(r.at("/x-rules/2")).isEqualTo(Map.of("name", "low_below_high", "kind", "less_than",
                "scope", "/thresholds", "fields", java.util.List.of("low", "high"), "factor", 1.0,
                "message", "Must be below the match threshold ({right})."));
    }

    @Test
    void health_is_ok() {
        server = TestServer.start();

        HttpResult r = server.get("/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Map.of("status", "ok"));
    }

    @Test
    void ready_is_200_when_ready_and_503_problem_when_not() {
        server = TestServer.start();
        assertThat(server.get("/ready").status()).isEqualTo(200);

        server.ready.set(false);
        HttpResult r = server.get("/ready");

        assertThat(r.status()).isEqualTo(503);
        assertProblem(r, 503);
    }

    @Test
    void unknown_route_is_a_404_problem() {
        server = TestServer.start();

        HttpResult r = server.get("/api/nope");

        assertThat(r.status()).isEqualTo(404);
        assertProblem(r, 404);
    }

    @Test
    void wrong_method_is_a_405_problem_naming_the_allowed_methods() {
        server = TestServer.start();

        HttpResult r = server.send("POST", "/api/config", "application/json",
                java.net.http.HttpRequest.BodyPublishers.ofString("{}"));

        assertThat(r.status()).isEqualTo(405);
        assertProblem(r, 405);
        assertThat(r.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET", "PATCH"));
    }

    @Test
    void responses_carry_no_server_version_header() {
        server = TestServer.start();

        HttpResult r = server.get("/api/config");

        assertThat(r.header("Server")).isEmpty();
        assertThat(r.header("X-Powered-By")).isEmpty();
    }

    @Test
    void an_unexpected_exception_is_a_generic_500_problem_without_its_message() {
        ReadConfigUseCase broken = new ReadConfigUseCase() {
            @Override
            public ConfigView current() {
                throw new IllegalStateException("boom with key " + TestServer.key("leak"));
            }

            @Override
            public long currentVersion() {
                return 3;
            }

            @Override
            public MatchingConfig defaults() {
                throw new IllegalStateException("boom");
            }

            @Override
            public org.eventdedup.config.domain.model.ConfigSource defaultsSource() {
                throw new IllegalStateException("boom");
            }
        };
        server = TestServer.start();
        ConfigHttpServer failing = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(broken,
                server.service, server.service, server.service, () -> true, null, server.accessDependencies()));
        try {
            HttpResult r = server.get("http://127.0.0.1:" + failing.port() + "/api/config");

            assertThat(r.status()).isEqualTo(500);
            assertProblem(r, 500);
            assertThat(r.body()).doesNotContain("boom").doesNotContain("IllegalState").doesNotContain("at org.");
        } finally {
            failing.stop();
        }
    }

    @Test
    void a_request_jetty_cannot_parse_gets_a_problem_without_server_details() throws Exception {
        server = TestServer.start();

        String raw = rawRequest("GET /api/config HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).containsIgnoringCase("content-type: application/problem+json");
        assertThat(raw).doesNotContainIgnoringCase("jetty").doesNotContainIgnoringCase("server:");
    }

    @Test
    void static_files_are_served_at_the_root_when_the_directory_exists() {
        server = TestServer.withStaticFiles("/test-web");

        HttpResult r = server.get("/index.html");
        HttpResult api = server.get("/api/config");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("Event Dedup test UI");
        assertThat(api.status()).isEqualTo(200);
    }

    @Test
    void hashed_assets_are_cached_for_a_year_and_index_html_is_revalidated() {
        server = TestServer.withStaticFiles("/test-web");

        HttpResult asset = server.get("/assets/app-3f9a1c.js");
        HttpResult index = server.get("/index.html");

        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.header("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(index.header("Cache-Control")).contains("no-cache");
    }

    @Test
    void every_response_carries_the_security_headers() {
        server = TestServer.withStaticFiles("/test-web");

        for (HttpResult r : List.of(server.get("/index.html"), server.get("/api/config"), server.get("/health"),
                server.get("/api/nothing-here"), server.patch("{not json"))) {
            assertThat(r.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline"));
            assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(r.header("Referrer-Policy")).contains("no-referrer");
            assertThat(r.header("X-Frame-Options")).contains("DENY");
        }
    }

    @Test
    void a_missing_static_directory_is_ignored() {
        server = TestServer.withStaticFiles("/no-such-web-dir");

        assertThat(server.get("/index.html").status()).isEqualTo(404);
        assertThat(server.get("/health").status()).isEqualTo(200);
    }

    @Test
    void get_config_serves_the_cached_body_until_the_stored_version_changes() {
        // the speed target itself is measured by the `bench` command; here: the body is built once per version
        server = TestServer.start();
        java.util.concurrent.atomic.AtomicInteger builds = new java.util.concurrent.atomic.AtomicInteger();
        ReadConfigUseCase counting = new ReadConfigUseCase() {
            @Override
            public ConfigView current() {
                builds.incrementAndGet();
                return server.service.current();
            }

            @Override
            public long currentVersion() {
                return server.service.currentVersion();
            }

            @Override
            public MatchingConfig defaults() {
                return server.service.defaults();
            }

            @Override
            public org.eventdedup.config.domain.model.ConfigSource defaultsSource() {
                return server.service.defaultsSource();
            }
        };
        ConfigHttpServer cached = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(counting,
                server.service, server.service, server.service, () -> true, null, server.accessDependencies()));
        try {
            String url = "http://127.0.0.1:" + cached.port() + "/api/config";
            for (int i = 0; i < 50; i++) {
                assertThat(server.get(url).status()).isEqualTo(200);
            }
            assertThat(builds.get()).as("bodies built for 50 GETs of one version").isEqualTo(1);

            server.patch("{\"thresholds\":{\"high\":0.8}}"); // saved through the other server
            HttpResult after = server.get(url);

            assertThat(after.header("ETag")).contains("\"1\"");
            assertThat(after.body()).contains("\"high\":0.8");
            assertThat(builds.get()).isEqualTo(2);
        } finally {
            cached.stop();
        }
    }

    // ---- helpers

    static void assertProblem(HttpResult r, int status) {
        assertThat(r.contentType()).startsWith("application/problem+json");
        Map<String, Object> body = r.json();
        assertThat(body).containsKeys("type", "title", "status", "detail").containsEntry("status", status);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private String rawRequest(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static MatchingConfig fileConfig() {
        MatchingConfig d = MatchingConfig.DEFAULT;
        return new MatchingConfig(d.scoring(), new Thresholds(0.7, 0.35, 0.45), d.geo(), d.date(), d.title(),
                d.cluster(), d.canonical(), AiConfig.DEFAULT, d.categoryWeights(), d.blocking());
    }

    private static List<String> concat(java.util.Collection<String> a, List<String> b) {
        java.util.List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
