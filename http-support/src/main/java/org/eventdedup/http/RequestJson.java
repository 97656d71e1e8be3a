package org.eventdedup.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON object request bodies, read the same way at every endpoint: media type (415); size by Content-Length and by
 * the bytes actually read, so a chunked body cannot slip past (413); UTF-8 without a byte order mark; strict syntax —
 * duplicate keys, trailing content, NaN and deep nesting are errors — with decimals kept exact as {@link BigDecimal}
 * (400); "must be an object" (400). Every rejection is an {@link HttpProblem} whose detail never quotes the body (it
 * may hold the API key) nor names the parser's classes and settings.
 */
public final class RequestJson {
    public static final Set<String> JSON = Set.of("application/json");
    public static final Set<String> JSON_OR_MERGE_PATCH = Set.of("application/json", "application/merge-patch+json");

    /** Far deeper than any document of the API; bounds the recursion of merge and copy on hostile input. */
    static final int MAX_NESTING_DEPTH = 64;

    /** What the reader needs of a request; each adapter builds it from its web framework's request. */
    public record Request(String contentType, long declaredLength, BodyStream body) {
    }

    /** The body's bytes, opened once. */
    @FunctionalInterface
    public interface BodyStream {
        InputStream open() throws IOException;
    }

    /**
     * How a 415 names the charset. The config API and the worker's endpoints have always worded it differently, and
     * clients may show the detail, so each keeps its own.
     */
    public enum CharsetWording {
        /** "must be application/json, got …", "… application/json in UTF-8, got …" when only the charset is wrong. */
        WHEN_WRONG,
        /** "must be application/json (UTF-8), got …" whatever is wrong. */
        ALWAYS;

        String expected(String allowed, boolean charsetWrong) {
            if (this == ALWAYS) {
                return allowed + " (UTF-8)";
            }
            return charsetWrong ? allowed + " in UTF-8" : allowed;
        }
    }

    private final CharsetWording wording;
    private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public RequestJson(CharsetWording wording) {
        this.wording = wording;
    }

    /** The body as a JSON object tree: keys in request order, decimals as {@link BigDecimal}. */
    public Map<String, Object> readObject(Request request, Set<String> mediaTypes, int maxBytes) {
        checkContentType(request.contentType(), mediaTypes);
        return parseObject(readBytes(request, maxBytes));
    }

    /** For endpoints that need no body: none at all is an empty object; a body present is read as usual. */
    public Map<String, Object> readOptionalObject(Request request, Set<String> mediaTypes, int maxBytes) {
        byte[] body = readBytes(request, maxBytes);
        if (body.length == 0) {
            return Map.of();
        }
        checkContentType(request.contentType(), mediaTypes);
        return parseObject(body);
    }

    /** 415 unless the header names one of {@code mediaTypes}, with no charset or UTF-8. */
    public void checkContentType(String header, Set<String> mediaTypes) {
        String allowed = String.join(" or ", mediaTypes.stream().sorted().toList());
        if (header == null) {
            throw HttpProblem.unsupportedMediaType(null, wording.expected(allowed, false));
        }
        String[] parts = header.split(";");
        if (!mediaTypes.contains(parts[0].trim().toLowerCase(Locale.ROOT))) {
            throw HttpProblem.unsupportedMediaType(header, wording.expected(allowed, false));
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset")) {
                String charset = param.length < 2 ? "" : param[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    throw HttpProblem.unsupportedMediaType(header, wording.expected(allowed, true));
                }
            }
        }
    }

    /** The body's bytes, at most {@code maxBytes} of them (413 beyond), whatever Content-Length claims. */
    public static byte[] readBytes(Request request, int maxBytes) {
        if (request.declaredLength() > maxBytes) {
            throw HttpProblem.tooLarge(maxBytes, request.declaredLength());
        }
        try {
            // not closed here: the server owns the request's stream
            byte[] bytes = request.body().open().readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw HttpProblem.tooLarge(maxBytes, -1);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    /** Bytes that must be exactly one JSON object. */
    public Map<String, Object> parseObject(byte[] body) {
        if (body.length == 0) {
            throw HttpProblem.badRequest("The request body is empty; a JSON object is required.");
        }
        Object parsed;
        try {
            parsed = mapper.readValue(utf8(body), Object.class);
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest(describe(e));
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw HttpProblem.badRequest("The request body must be a JSON object, got " + kind(parsed) + ".");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) parsed;
        return object;
    }

    /**
     * The body as text, decoded strictly and whole before parsing: JSON on the wire is UTF-8 without a byte order
     * mark (RFC 8259 §8.1). Jackson reading bytes itself would guess UTF-16/32, skip a BOM and read overlong sequences
     * (0xC0 0xAF as '/'); and a bad byte is reported as such wherever in the body it stands.
     */
    private static String utf8(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            throw HttpProblem.badRequest("The request body starts with a byte order mark; send UTF-8 without one.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw HttpProblem.badRequest("The request body is not valid UTF-8.");
        }
    }

    /** The client's mistake in words, with its place but never the text around it. */
    private static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        if (original.startsWith("Duplicate field")) {
            return "The request body has a duplicate key" + where + "; every key may appear only once per object.";
        }
        if (original.startsWith("Trailing token")) {
            return "The request body has content after the JSON value" + where + ".";
        }
        if (original.contains("nesting depth")) {
            return "The request body is nested too deeply (at most " + MAX_NESTING_DEPTH + " levels).";
        }
        return "The request body is not valid JSON" + where + ".";
    }

    /** What a parsed JSON value is, in words for a detail: "an object", "an array", "a string", "a number", ... */
    public static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return "a boolean";
    }
}
