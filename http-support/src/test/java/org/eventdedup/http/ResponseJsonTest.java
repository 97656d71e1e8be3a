package org.eventdedup.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseJsonTest {

    private final ResponseJson json = new ResponseJson();

    private String write(Object tree) {
        return new String(json.write(tree), StandardCharsets.UTF_8);
    }

    /** BigDecimal.valueOf keeps the digits of Double.toString, so "1.0E-4" keeps its zero: 0.00010. */
    @Test
    void doubles_are_written_without_an_exponent() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("small", 0.0001);
        tree.put("large", 1.0E10);
        tree.put("tenth", 0.1);
        tree.put("whole", 2.0);
        tree.put("negative", -1.5E-7);
        tree.put("list", List.of(0.25, 3.0E-5));

        assertThat(write(tree)).isEqualTo("{\"small\":0.00010,\"large\":10000000000,\"tenth\":0.1,\"whole\":2.0,"
                + "\"negative\":-0.00000015,\"list\":[0.25,0.000030]}");
    }

    @Test
    void a_double_without_a_json_form_is_null() {
        assertThat(write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)))
                .isEqualTo("[null,null,null]");
    }

    @Test
    void decimals_and_whole_numbers_are_written_as_given() {
        assertThat(write(List.of(new BigDecimal("1E-8"), new BigDecimal("12.50"), 7, 9_000_000_000L)))
                .isEqualTo("[0.00000001,12.50,7,9000000000]");
    }

    @Test
    void the_body_is_utf_8_with_keys_in_map_order() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("z", "Straße");
        tree.put("a", null);
        tree.put("m", true);

        assertThat(json.write(tree)).isEqualTo("{\"z\":\"Straße\",\"a\":null,\"m\":true}"
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_problem_is_written_as_its_document() {
        assertThat(write(HttpProblem.tooLarge(64, -1).body())).isEqualTo("{\"type\":\"about:blank\","
                + "\"title\":\"Content Too Large\",\"status\":413,"
                + "\"detail\":\"The request body may be at most 64 bytes, got more.\",\"max_bytes\":64}");
    }
}
