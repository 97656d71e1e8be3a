package org.eventdedup.worker.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.http.HttpProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParametersTest {

    private static QueryParameters query(String name, String... values) {
        return new QueryParameters(Map.of(name, List.of(values)), Set.of("limit", "offset", "date_from", "q"));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "50, 50", "500, 500", "007, 7"})
    void limit_accepts_1_to_500(String raw, int expected) {
        assertThat(query("limit", raw).limit()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "501", "-1", "+5", "1.0", "", " 5", "ten", "99999999999999999999"})
    void limit_rejects_everything_else_naming_limit(String raw) {
        assertThatThrownBy(() -> query("limit", raw).limit()).isInstanceOfSatisfying(HttpProblem.class,
                p -> assertThat(p.extensions()).containsEntry("parameter", "limit"));
    }

    @Test
    void absent_limit_and_offset_take_their_defaults() {
        QueryParameters none = new QueryParameters(Map.of(), Set.of("limit", "offset"));

        assertThat(none.limit()).isEqualTo(50);
        assertThat(none.offset()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "2147483648", "x"})
    void offset_rejects_negative_and_oversized_values(String raw) {
        assertThatThrownBy(() -> query("offset", raw).offset()).isInstanceOf(HttpProblem.class)
                .hasMessageContaining("'offset'");
    }

    @Test
    void a_date_is_strict_iso() {
        assertThat(query("date_from", "2028-02-29").date("date_from")).isEqualTo(LocalDate.of(2028, 2, 29));
        for (String bad : List.of("2026-02-29", "2026-13-01", "2026-1-01", "+2026-01-01", "20260101", "2026-01-01Z")) {
            assertThatThrownBy(() -> query("date_from", bad).date("date_from")).as(bad)
                    .isInstanceOf(HttpProblem.class).hasMessageContaining("yyyy-MM-dd");
        }
    }

    @Test
    void text_is_trimmed_blank_is_absent_and_control_characters_are_refused() {
        assertThat(query("q", "  Umzug ").text("q")).isEqualTo("Umzug");
        assertThat(query("q", "   ").text("q")).isNull();
        assertThatThrownBy(() -> query("q", "a\u0000b").text("q")).isInstanceOf(HttpProblem.class);
        assertThatThrownBy(() -> query("q", "x".repeat(201)).text("q")).hasMessageContaining("at most 200");
    }

    @Test
    void a_parameter_given_twice_or_unknown_is_refused() {
        assertThatThrownBy(() -> query("limit", "1", "2").limit()).hasMessageContaining("only once");
        assertThatThrownBy(() -> query("limt", "1")).isInstanceOfSatisfying(HttpProblem.class,
                p -> assertThat(p.extensions()).containsEntry("parameter", "limt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "01x", "1.5", "1e3", "9223372036854775808", ""})
    void an_id_must_be_a_positive_whole_number(String raw) {
        assertThatThrownBy(() -> QueryParameters.id(raw)).isInstanceOfSatisfying(HttpProblem.class,
                p -> assertThat(p.extensions()).containsEntry("parameter", "id"));
    }
}
