package org.eventdedup.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpProblemTest {

    @Test
    void the_body_holds_the_rfc_9457_members_in_order_then_the_extensions() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("current_version", 7L);
        extensions.put("filename", "a.json");
        HttpProblem problem = new HttpProblem(422, HttpProblem.VALIDATION_FAILED, "1 field is invalid.",
                List.of(HttpProblem.fieldError("#/thresholds/high", "must be at most 1")), extensions, Map.of());

        assertThat(problem.body()).containsExactly(
                Map.entry("type", "urn:event-dedup:problem:validation-failed"),
                Map.entry("title", "Unprocessable Content"),
                Map.entry("status", 422),
                Map.entry("detail", "1 field is invalid."),
                Map.entry("errors", List.of(Map.of("pointer", "#/thresholds/high", "detail", "must be at most 1"))),
                Map.entry("current_version", 7L),
                Map.entry("filename", "a.json"));
    }

    @Test
    void without_errors_there_is_no_errors_member() {
        assertThat(HttpProblem.of(409, "Taken.").body()).containsOnlyKeys("type", "title", "status", "detail")
                .containsEntry("type", "about:blank").containsEntry("title", "Conflict");
    }

    @Test
    void an_extension_never_replaces_a_standard_member() {
        HttpProblem problem = new HttpProblem(400, HttpProblem.ABOUT_BLANK, "Bad.", null,
                Map.of("status", 200, "detail", "fine", "type", "x"), Map.of());

        assertThat(problem.body()).containsEntry("status", 400).containsEntry("detail", "Bad.")
                .containsEntry("type", "about:blank").hasSize(4);
    }

    @Test
    void the_shared_problems_carry_their_status_type_members_and_headers() {
        HttpProblem outage = HttpProblem.storeUnavailable();
        assertThat(outage.status()).isEqualTo(503);
        assertThat(outage.type()).isEqualTo("urn:event-dedup:problem:store-unavailable");
        assertThat(outage.detail()).isEqualTo("The database is unavailable; retry in a few seconds.");
        assertThat(outage.headers()).containsExactly(Map.entry("Retry-After", "5"));

        HttpProblem tooLarge = HttpProblem.tooLarge(65536, 70000);
        assertThat(tooLarge.body()).containsEntry("status", 413).containsEntry("max_bytes", 65536L)
                .containsEntry("detail", "The request body may be at most 65536 bytes, got 70000.");
        assertThat(HttpProblem.tooLarge(10, -1).detail())
                .isEqualTo("The request body may be at most 10 bytes, got more.");

        HttpProblem parameter = HttpProblem.badParameter("limit", "Parameter 'limit' must be 1 to 500.");
        assertThat(parameter.body()).containsEntry("status", 400).containsEntry("parameter", "limit")
                .containsEntry("detail", "Parameter 'limit' must be 1 to 500.");
    }

    @Test
    void a_415_shows_the_header_it_got_cut_at_80_characters_or_none() {
        assertThat(HttpProblem.unsupportedMediaType(null, "application/json").detail())
                .isEqualTo("Content-Type must be application/json, got none.");
        assertThat(HttpProblem.unsupportedMediaType(" ", "application/json").detail())
                .isEqualTo("Content-Type must be application/json, got none.");
        assertThat(HttpProblem.unsupportedMediaType("text/plain", "application/json").detail())
                .isEqualTo("Content-Type must be application/json, got 'text/plain'.");
        String header = "text/" + "x".repeat(100);
        assertThat(HttpProblem.unsupportedMediaType(header, "application/json").detail())
                .isEqualTo("Content-Type must be application/json, got '" + header.substring(0, 80) + "…'.");
    }

    @Test
    void a_shown_value_is_cut_and_has_no_control_characters() {
        assertThat(HttpProblem.shown("a\nb\u0000c")).isEqualTo("a?b?c");
        assertThat(HttpProblem.shown("x".repeat(100))).isEqualTo("x".repeat(40) + "…");
        assertThat(HttpProblem.shown(null)).isEmpty();
    }

    @Test
    void a_problem_carries_no_stack_trace() {
        assertThat(HttpProblem.badRequest("No.").getStackTrace()).isEmpty();
    }
}
