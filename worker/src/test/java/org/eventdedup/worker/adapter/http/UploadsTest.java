package org.eventdedup.worker.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.eventdedup.http.HttpProblem;
import org.eventdedup.http.RequestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadsTest {

    @ParameterizedTest
    @ValueSource(strings = {"bwb_01.json", "a.json", "BWB-2026.02.json", "x_y_z.json"})
    void a_plain_json_file_name_is_accepted(String name) {
        assertThat(Uploads.fileName(name, List.of())).isEqualTo(name);
        assertThat(Uploads.fileName(null, List.of(name))).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bwb.txt", ".json", "_a.json", "-a.json", "../a.json", "a/b.json", "a\\b.json",
            "a b.json", "ä.json", "a.JSON", "a.json ", "a.json\u0000"})
    void any_other_name_is_refused_naming_name(String name) {
        assertThatThrownBy(() -> Uploads.fileName(null, List.of(name))).isInstanceOfSatisfying(HttpProblem.class,
                p -> assertThat(p.extensions()).containsEntry("parameter", "name"));
    }

    @Test
    void the_name_is_required_at_most_200_characters_and_given_once() {
        assertThatThrownBy(() -> Uploads.fileName(null, List.of())).hasMessageContaining("is required");
        assertThatThrownBy(() -> Uploads.fileName("  ", List.of())).hasMessageContaining("is required");
        assertThat(Uploads.fileName(null, List.of("a".repeat(195) + ".json"))).hasSize(200);
        assertThatThrownBy(() -> Uploads.fileName(null, List.of("a".repeat(196) + ".json")))
                .isInstanceOf(HttpProblem.class);
        assertThatThrownBy(() -> Uploads.fileName(null, List.of("a.json", "a.json"))).hasMessageContaining("once");
        assertThatThrownBy(() -> Uploads.fileName("b.json", List.of("a.json"))).hasMessageContaining("different");
        assertThat(Uploads.fileName("a.json", List.of("a.json"))).isEqualTo("a.json");
    }

    @Test
    void json_in_utf_8_is_the_only_content_type_and_the_415_says_so() {
        JsonBodies bodies = new JsonBodies();
        for (String ok : List.of("application/json", "Application/JSON", "application/json; charset=utf-8",
                "application/json;charset=\"UTF-8\"")) {
            assertThatCode(() -> bodies.checkContentType(ok, RequestJson.JSON)).as(ok).doesNotThrowAnyException();
        }
        for (String bad : List.of("text/json", "application/json; charset=iso-8859-1", "application/jsonx",
                "multipart/form-data; boundary=x")) {
            assertThatThrownBy(() -> bodies.checkContentType(bad, RequestJson.JSON)).as(bad)
                    .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(415))
                    .hasMessage("Content-Type must be application/json (UTF-8), got '" + bad + "'.");
        }
        assertThatThrownBy(() -> bodies.checkContentType(null, RequestJson.JSON))
                .hasMessage("Content-Type must be application/json (UTF-8), got none.");
    }
}
