package org.eventdedup.worker.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
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
    void numbers_are_written_plainly() {
        String json = new String(new WorkerJson().write(Map.of("a", 0.0001, "b", 1.0E10)), StandardCharsets.UTF_8);

        assertThat(json).contains("0.0001").contains("10000000000").doesNotContainPattern("\\dE");
    }
}
