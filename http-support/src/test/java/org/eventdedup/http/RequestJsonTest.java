package org.eventdedup.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdedup.http.RequestJson.CharsetWording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestJsonTest {

    private final RequestJson json = new RequestJson(CharsetWording.WHEN_WRONG);

    private static RequestJson.Request request(String contentType, byte[] body) {
        return new RequestJson.Request(contentType, body.length, () -> new ByteArrayInputStream(body));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertBadRequest(Runnable read, String detail) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(HttpProblem.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.type()).isEqualTo("about:blank");
            assertThat(p.detail()).isEqualTo(detail);
        });
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    // ---- parsing

    @Test
    void an_object_keeps_its_key_order_and_exact_decimals() {
        Map<String, Object> object = json.parseObject(utf8("{\"z\": 0.1, \"a\": [1, 12345678901, 1e-3], \"m\": null}"));

        assertThat(object.keySet()).containsExactly("z", "a", "m");
        assertThat(object.get("z")).isEqualTo(new BigDecimal("0.1"));
        assertThat(object.get("a")).isEqualTo(List.of(1, 12345678901L, new BigDecimal("1e-3")));
        assertThat(object).containsEntry("m", null);
    }

    @Test
    void an_empty_body_is_refused() {
        assertBadRequest(() -> json.parseObject(new byte[0]), "The request body is empty; a JSON object is required.");
    }

    @Test
    void a_byte_order_mark_is_refused() {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("{}"));

        assertBadRequest(() -> json.parseObject(body),
                "The request body starts with a byte order mark; send UTF-8 without one.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FF", "C0AF", "E282", "EDA080", "F5808080"})
    void bytes_that_are_not_utf_8_are_refused(String hex) {
        byte[] bad = new byte[hex.length() / 2];
        for (int i = 0; i < bad.length; i++) {
            bad[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        byte[] body = concat(utf8("{\"a\": \""), bad, utf8("\"}"));

        assertBadRequest(() -> json.parseObject(body), "The request body is not valid UTF-8.");
    }

    /** The body is decoded whole before it is parsed, so a bad byte is named as such wherever it stands. */
    @ParameterizedTest
    @ValueSource(ints = {0, 100_000})
    void a_bad_byte_behind_a_syntax_error_is_reported_as_not_utf_8(int padding) {
        byte[] body = concat(utf8("{\"a\": tru, \"b\": \"" + "x".repeat(padding)), new byte[] {(byte) 0xFF},
                utf8("\"}"));

        assertBadRequest(() -> json.parseObject(body), "The request body is not valid UTF-8.");
    }

    @Test
    void utf_16_is_not_guessed() {
        byte[] body = "{\"a\": 1}".getBytes(StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> json.parseObject(body)).isInstanceOfSatisfying(HttpProblem.class,
                p -> assertThat(p.detail()).startsWith("The request body is not valid JSON (line 1, column "));
    }

    @Test
    void a_duplicate_key_is_refused_with_its_place() {
        assertBadRequest(() -> json.parseObject(utf8("{\"a\": 1,\n \"a\": 2}")),
                "The request body has a duplicate key (line 2, column 5); every key may appear only once per object.");
    }

    @Test
    void content_after_the_value_is_refused_with_its_place() {
        assertBadRequest(() -> json.parseObject(utf8("{\"a\": 1} {")),
                "The request body has content after the JSON value (line 1, column 10).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 01}", "{'a': 1}", "{\"a\": 1,}", "{\"a\""})
    void anything_json_does_not_allow_is_refused_with_its_place(String body) {
        assertThatThrownBy(() -> json.parseObject(utf8(body))).isInstanceOfSatisfying(HttpProblem.class,
                p -> assertThat(p.detail()).matches("The request body is not valid JSON \\(line 1, column \\d+\\)\\."));
    }

    @Test
    void nesting_is_bounded_at_64_levels() {
        String ok = "{\"a\":".repeat(63) + "{}" + "}".repeat(63);
        String deep = "{\"a\":".repeat(64) + "{}" + "}".repeat(64);

        assertThatCode(() -> json.parseObject(utf8(ok))).doesNotThrowAnyException();
        assertBadRequest(() -> json.parseObject(utf8(deep)),
                "The request body is nested too deeply (at most 64 levels).");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[1]|an array", "\"x\"|a string", "1.5|a number", "true|a boolean",
            "null|null"})
    void a_value_that_is_not_an_object_is_refused_by_its_kind(String body, String kind) {
        assertBadRequest(() -> json.parseObject(utf8(body)),
                "The request body must be a JSON object, got " + kind + ".");
    }

    @Test
    void every_kind_of_value_has_its_words() {
        assertThat(RequestJson.kind(Map.of())).isEqualTo("an object");
        assertThat(RequestJson.kind(List.of())).isEqualTo("an array");
        assertThat(RequestJson.kind("")).isEqualTo("a string");
        assertThat(RequestJson.kind(new BigDecimal("1.5"))).isEqualTo("a number");
        assertThat(RequestJson.kind(false)).isEqualTo("a boolean");
        assertThat(RequestJson.kind(null)).isEqualTo("null");
    }

    @Test
    void a_detail_never_quotes_the_body() {
        assertThatThrownBy(() -> json.parseObject(utf8("{\"api_key\": AIza-secret-value}")))
                .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.detail()).doesNotContain("AIza"));
    }

    // ---- media type

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", " application/json ; charset=utf-8",
            "application/json;charset=\"UTF-8\"", "application/json; foo=bar"})
    void json_with_no_charset_or_utf_8_is_accepted(String header) {
        assertThatCode(() -> json.checkContentType(header, RequestJson.JSON)).doesNotThrowAnyException();
    }

    @Test
    void the_config_apis_wording_names_utf_8_only_when_the_charset_is_wrong() {
        assertUnsupported(json, null, "Content-Type must be application/json, got none.");
        assertUnsupported(json, "text/plain", "Content-Type must be application/json, got 'text/plain'.");
        assertUnsupported(json, "application/json; charset=latin1",
                "Content-Type must be application/json in UTF-8, got 'application/json; charset=latin1'.");
        assertThatThrownBy(() -> json.checkContentType("text/plain", RequestJson.JSON_OR_MERGE_PATCH))
                .hasMessage("Content-Type must be application/json or application/merge-patch+json, got 'text/plain'.");
    }

    @Test
    void the_workers_wording_always_names_utf_8() {
        RequestJson worker = new RequestJson(CharsetWording.ALWAYS);

        assertUnsupported(worker, null, "Content-Type must be application/json (UTF-8), got none.");
        assertUnsupported(worker, "text/plain", "Content-Type must be application/json (UTF-8), got 'text/plain'.");
        assertUnsupported(worker, "application/json; charset=",
                "Content-Type must be application/json (UTF-8), got 'application/json; charset='.");
    }

    private static void assertUnsupported(RequestJson reader, String header, String detail) {
        assertThatThrownBy(() -> reader.checkContentType(header, RequestJson.JSON))
                .isInstanceOfSatisfying(HttpProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(415);
                    assertThat(p.detail()).isEqualTo(detail);
                });
    }

    // ---- size

    @Test
    void a_body_of_exactly_the_limit_is_read() {
        byte[] body = utf8("{\"a\": \"" + "x".repeat(93) + "\"}");

        assertThat(body).hasSize(102);
        assertThat(RequestJson.readBytes(request("application/json", body), 102)).isEqualTo(body);
    }

    @Test
    void a_declared_length_over_the_limit_is_refused_before_reading() {
        AtomicInteger opened = new AtomicInteger();
        RequestJson.Request request = new RequestJson.Request("application/json", 5000, () -> {
            opened.incrementAndGet();
            return InputStream.nullInputStream();
        });

        assertThatThrownBy(() -> RequestJson.readBytes(request, 4096)).isInstanceOfSatisfying(HttpProblem.class,
                p -> {
                    assertThat(p.status()).isEqualTo(413);
                    assertThat(p.detail()).isEqualTo("The request body may be at most 4096 bytes, got 5000.");
                    assertThat(p.extensions()).containsEntry("max_bytes", 4096L);
                });
        assertThat(opened).hasValue(0);
    }

    /** A chunked body declares no length (-1); it is cut at the limit as it is read. */
    @Test
    void a_body_that_is_longer_than_it_declares_is_refused_as_read() {
        byte[] body = new byte[5000];
        RequestJson.Request chunked = new RequestJson.Request("application/json", -1,
                () -> new ByteArrayInputStream(body));

        assertThatThrownBy(() -> RequestJson.readBytes(chunked, 4096)).isInstanceOfSatisfying(HttpProblem.class,
                p -> assertThat(p.detail()).isEqualTo("The request body may be at most 4096 bytes, got more."));
    }

    @Test
    void a_stream_that_fails_is_an_unexpected_error_not_a_problem() {
        RequestJson.Request broken = new RequestJson.Request("application/json", -1, () -> {
            throw new IOException("connection reset");
        });

        assertThatThrownBy(() -> RequestJson.readBytes(broken, 10)).isInstanceOf(UncheckedIOException.class);
    }

    // ---- the whole read

    @Test
    void read_object_checks_the_media_type_before_it_reads() {
        AtomicInteger opened = new AtomicInteger();
        RequestJson.Request request = new RequestJson.Request("text/plain", 2, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(utf8("{}"));
        });

        assertThatThrownBy(() -> json.readObject(request, RequestJson.JSON, 100))
                .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(415));
        assertThat(opened).hasValue(0);
        assertThat(json.readObject(request("application/json", utf8("{\"a\": true}")), RequestJson.JSON, 100))
                .containsExactly(Map.entry("a", true));
    }

    @Test
    void an_optional_body_may_be_absent_whatever_its_type_but_is_checked_when_present() {
        assertThat(json.readOptionalObject(request(null, new byte[0]), RequestJson.JSON, 100)).isEmpty();
        assertThatThrownBy(() -> json.readOptionalObject(request(null, utf8("{}")), RequestJson.JSON, 100))
                .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(415));
        assertThat(json.readOptionalObject(request("application/json", utf8("{\"k\": 1}")), RequestJson.JSON, 100))
                .containsExactly(Map.entry("k", 1));
    }
}
