package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a pipeline run is busy: {@code serve} stops taking requests, lets the run commit or roll back, closes
 * its pool and only then stops its embedded PostgreSQL — never the database first — and the next start finds
 * nothing half-done and finishes the work.
 */
class OrderedShutdownIT {

    private static final int LISTINGS = 6_000;

    @TempDir
    Path work;

    @Test
    void sigterm_mid_run_stops_in_order_and_the_next_start_finds_nothing_half_done() throws Exception {
        Path home = ServeProcess.home(work);
        generate(home.resolve("eventdata"));
        long files;
        try (var listed = Files.list(home.resolve("eventdata"))) {
            files = listed.count();
        }

        try (ServeProcess serve = ServeProcess.start(home, "first.log")) {
            serve.await(() -> {
                try {
                    return serve.log().contains(": queued for the next run");
                } catch (java.io.IOException e) {
                    return false;
                }
            }, Duration.ofSeconds(60), "files queued");
            Thread.sleep(1_500); // into the first run, which takes all of them in one transaction
            int exit = serve.terminate(Duration.ofSeconds(90));

            assertThat(exit).as("the JVM's answer to SIGTERM").isEqualTo(143);
            List<Integer> order = serve.linesOf("Shutdown: HTTP server stopped", "Worker stopped",
                    "Shutdown: worker stopped", "Shutdown: connection pool closed", "Embedded PostgreSQL stopped");
            assertThat(order).as("log lines in %s", serve.logFile()).doesNotContain(-1).isSorted();
        }

        try (ServeProcess again = ServeProcess.start(home, "second.log")) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + again.embeddedPort()
                    + "/postgres", "postgres", null)) {
                // whatever the first process left: each file done or still queued, and exactly its listings stored
                assertThat(query(c, """
                        SELECT count(*) FROM file_ingestions
                         WHERE NOT (status = 'completed' AND content IS NULL AND event_count > 0
                                 OR status = 'pending' AND content IS NOT NULL)""")).isZero();
                assertThat(query(c, "SELECT count(*) FROM source_events")).isEqualTo(query(c,
                        "SELECT coalesce(sum(event_count), 0) FROM file_ingestions WHERE status = 'completed'"));
                assertThat(query(c, "SELECT count(*) FROM pipeline_runs WHERE finished_at IS NULL")).isZero();

                again.await(() -> query(c, "SELECT count(*) FROM file_ingestions WHERE status = 'completed'")
                        == files, Duration.ofSeconds(120), "every file completed");
                assertThat(query(c, "SELECT count(*) FROM source_events")).isEqualTo(LISTINGS);
                assertThat(query(c, "SELECT count(*) FROM canonical_event_sources")).isEqualTo(LISTINGS);
            }
        }
    }

    /** A labelled data set from the jar's own generator, its input files straight into the watched folder. */
    private void generate(Path folder) throws Exception {
        Path out = work.resolve("generated");
        Process generate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ServeProcess.JAR.toString(), "generate", "--listings", String.valueOf(LISTINGS), "--seed", "3",
                "--out", out.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("generate.log").toFile()).start();
        assertThat(generate.waitFor()).as("generate").isZero();
        try (var inputs = Files.list(out.resolve("input"))) {
            for (Path file : inputs.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
    }

    private static long query(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
