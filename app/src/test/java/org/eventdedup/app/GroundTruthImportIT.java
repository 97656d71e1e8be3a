package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ground-truth import FILE} through the launcher on a fresh database. */
@ExtendWith(FreshDatabaseExtension.class)
class GroundTruthImportIT {

    @TempDir
    Path temp;

    @Test
    void import_stores_the_known_pairs_and_prints_counts_and_unknown_ids(DatabaseSettings database, Jdbi jdbi)
            throws IOException {
        jdbi.useHandle(h -> {
            h.execute("DELETE FROM ground_truth_imports");
            h.execute("DELETE FROM ground_truth_listings");
            h.execute("INSERT INTO file_ingestions (filename, file_hash, source_code, origin, status, size_bytes)"
                    + " VALUES ('x_1.json', repeat('a', 64), 'x', 'test', 'completed', 1)");
            for (String id : List.of("x-1", "x-2", "x-3")) {
                h.execute("INSERT INTO source_events (id, file_ingestion_id, source_code, source_type, listing,"
                        + " ingestion_order, keys_config) SELECT ?, id, 'x', 'artikel', '{}', 1, 'k'"
                        + " FROM file_ingestions", id);
            }
        });
        Path truth = temp.resolve("truth.json");
        Files.writeString(truth, "{\"entities\": {\"E1\": [\"x-1\", \"x-2\", \"gone-9\"], \"E2\": [\"x-3\"]}}");

        Run run = launch(database, "ground-truth", "import", truth.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Imported 1 same-event pairs over 3 labelled listings")
                .contains("2 pairs left out").contains("1 listing ids are not stored listings: gone-9");
        List<String> pairs = jdbi.withHandle(h -> h.createQuery("SELECT a || '|' || b FROM ground_truth_pairs")
                .mapTo(String.class).list());
        assertThat(pairs).containsExactly("x-1|x-2");
        List<String> by = jdbi.withHandle(h -> h.createQuery("SELECT imported_by FROM ground_truth_imports")
                .mapTo(String.class).list());
        assertThat(by).containsExactly("cli");
    }

    @Test
    void bad_usage_and_bad_files_exit_2_naming_the_problem(DatabaseSettings database) throws IOException {
        assertThat(launch(database, "ground-truth").err()).contains("usage: ground-truth import FILE");
        assertThat(launch(database, "ground-truth", "import", temp.resolve("none.json").toString()).err())
                .contains("truth file not found");
        Path bad = temp.resolve("bad.json");
        Files.writeString(bad, "{\"pairs\": [[\"a\"]]}");
        Run run = launch(database, "ground-truth", "import", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad truth file").contains("/pairs/0 must hold two different ids");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run launch(DatabaseSettings database, String... args) {
        Map<String, String> env = new HashMap<>();
        // the launcher's data directory (encryption key file) inside the test's temp dir, not the working directory
        env.put("EVENT_DEDUP_DATA_DIR", temp.resolve("data").toString());
        env.put("EVENT_DEDUP_DATABASE_URL", database.jdbcUrl());
        if (database.user() != null) {
            env.put("EVENT_DEDUP_DATABASE_USER", database.user());
        }
        if (database.password() != null) {
            env.put("EVENT_DEDUP_DATABASE_PASSWORD", database.password());
        }
        env.put("EVENT_DEDUP_MATCHING_CONFIG_PATH", ApplicationIT.SHIPPED_YAML.toString());
        env.put("EVENT_DEDUP_LOG_LEVEL", "WARN");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
