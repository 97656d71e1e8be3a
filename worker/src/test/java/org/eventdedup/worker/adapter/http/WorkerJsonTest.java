package org.eventdedup.worker.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eventdedup.http.ResponseJson;
import org.eventdedup.worker.query.CanonicalEventSummary;
import org.junit.jupiter.api.Test;

class WorkerJsonTest {

    @Test
    void a_failed_runs_error_loses_class_names_and_the_statement_with_its_arguments() {
        String error = "org.jdbi.v3.core.statement.UnableToExecuteStatementException:"
                + " org.postgresql.util.PSQLException: ERROR: deadlock detected"
                + " [statement:\"INSERT INTO source_events ...\", arguments:{positional:{0:secret-listing}}]";

        assertThat(WorkerJson.publicError(error)).isEqualTo("ERROR: deadlock detected");
        assertThat(WorkerJson.publicError(null)).isNull();
        assertThat(WorkerJson.publicError("x".repeat(400))).hasSize(301);
        assertThat(WorkerJson.publicError("the config could not be loaded: cannot decrypt stored API key"))
                .isEqualTo("the config could not be loaded: cannot decrypt stored API key");
    }

    @Test
    void an_events_numbers_are_written_plainly() {
        CanonicalEventSummary summary = new CanonicalEventSummary(10_000_000_000L, "Maifest", LocalDate.of(2026, 5, 1),
                null, "Marktplatz", "Kenzingen", List.of("fest"), 2, 0.0001, false, null, false, 1, 3,
                Instant.parse("2026-05-02T10:00:00Z"));

        String json = new String(new ResponseJson().write(WorkerJson.summary(summary)), StandardCharsets.UTF_8);

        assertThat(json).contains("\"id\":10000000000,").contains("\"match_confidence\":0.00010,")
                .contains("\"first_date\":\"2026-05-01\",\"last_date\":null,")
                .contains("\"updated_at\":\"2026-05-02T10:00:00Z\"").doesNotContainPattern("\\dE");
    }
}
