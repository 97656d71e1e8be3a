package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eventdedup.benchmarks.BenchmarkHost;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.domain.model.ConfigSource;
import org.eventdedup.generator.DataSetFiles;
import org.eventdedup.generator.SyntheticDataGenerator;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.query.CanonicalEventSearch;
import org.eventdedup.worker.run.RunSummary;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmarks' host as the launcher wires it, with the server of a fresh test database as
 * {@code EVENT_DEDUP_DATABASE_URL}: scratch databases come and go, and the application, the worker's core and a
 * child's host all work on them.
 */
@ExtendWith(FreshDatabaseExtension.class)
class ProductBenchmarkHostIT {

    private static final Path CONFIG = ApplicationIT.SHIPPED_YAML;

    private static Map<String, String> environment(DatabaseSettings server) {
        Map<String, String> environment = new HashMap<>(Map.of(AppSettings.DATABASE_URL, server.jdbcUrl(),
                AppSettings.LOG_LEVEL, "WARN"));
        Optional.ofNullable(server.user()).ifPresent(user -> environment.put(AppSettings.DATABASE_USER, user));
        Optional.ofNullable(server.password()).ifPresent(p -> environment.put(AppSettings.DATABASE_PASSWORD, p));
        return environment;
    }

    private static ProductBenchmarkHost host(Map<String, String> environment) {
        return new ProductBenchmarkHost(() -> AppSettings.fromEnvironment(environment));
    }

    @Test
    void a_scratch_database_exists_from_create_until_close(DatabaseSettings server, Jdbi jdbi) throws Exception {
        BenchmarkHost.ScratchDatabase scratch = host(environment(server)).scratchServer("bench-test").create("probe");
        String name = jdbi.withHandle(h -> h.createQuery(
                "SELECT datname FROM pg_database WHERE datname LIKE 'event_dedup_bench_probe_%'")
                .mapTo(String.class).one());
        assertThat(((BenchmarkDatabase) scratch).database().jdbcUrl()).contains(name);

        scratch.close();

        long left = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM pg_database WHERE datname = :name")
                .bind("name", name).mapTo(Long.class).one());
        assertThat(left).isZero();
    }

    @Test
    void the_worker_core_runs_the_pipeline_and_a_child_pointed_at_the_scratch_database_sees_its_listings(
            DatabaseSettings server) throws Exception {
        try (BenchmarkHost.ScratchDatabase scratch = host(environment(server)).scratchServer("bench-test")
                .create("worker")) {
            try (BenchmarkHost.Worker worker = scratch.openWorker(CONFIG, CONFIG.toAbsolutePath().getParent())) {
                new SyntheticDataGenerator(60, 3).generate(file -> worker.queue().offer(file.name(),
                        InputFileParser.sourceCode(file.name()), "bench", null, DataSetFiles.toBytes(file)));
                RunSummary run = worker.pipeline().runOnce().orElseThrow();

                assertThat(run.completed()).as(String.valueOf(run.error())).isTrue();
                assertThat(run.count("ingested")).isEqualTo(60);
                assertThat(worker.canonicalEvents().search(new CanonicalEventSearch(null, null, null, null, 1, 0))
                        .total()).isEqualTo(run.count("canonicals")).isPositive();
                assertThat(worker.groundTruth().summary().pairs()).isZero();
                assertThat(worker.configService().load().source()).isEqualTo(ConfigSource.FILE);
            }

            Map<String, String> child = environment(server);
            child.put(AppSettings.DATABASE_URL, "jdbc:postgresql://127.0.0.1:1/elsewhere");
            scratch.pointChildAt(child);
            try (BenchmarkHost.Worker worker = host(child).openWorker(CONFIG, CONFIG.toAbsolutePath().getParent())) {
                assertThat(worker.previewSamples().read(100, List.of()).listings()).hasSize(60);
            }
        }
    }

    @Test
    void the_application_signs_in_the_bootstrap_admin_with_the_given_credentials(DatabaseSettings server)
            throws Exception {
        try (BenchmarkHost.ScratchDatabase scratch = host(environment(server)).scratchServer("bench-test")
                .create("http");
             BenchmarkHost.RunningApplication application = scratch.startApplication()) {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest.Builder config = HttpRequest.newBuilder(application.uri().resolve("/api/config")).GET();

            assertThat(client.send(config.copy().header("Authorization", application.adminAuthorization()).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(client.send(config.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(401);
            assertThat(application.configService().load().apiKey()).isEmpty();
        }
    }

    @Test
    void without_a_usable_database_url_the_reason_names_the_command_and_the_variable() {
        assertThatThrownBy(() -> host(Map.of()).scratchServer("bench-test"))
                .isInstanceOf(BenchmarkHost.UnavailableException.class)
                .hasMessage("bench-test needs EVENT_DEDUP_DATABASE_URL (it creates and drops a scratch database"
                        + " there)");
        assertThatThrownBy(() -> host(Map.of(AppSettings.DATABASE_URL, "mysql://nope")).scratchServer("bench-test"))
                .isInstanceOf(BenchmarkHost.UnavailableException.class)
                .hasMessageContaining("EVENT_DEDUP_DATABASE_URL has an unsupported scheme \"mysql\"");
    }
}
