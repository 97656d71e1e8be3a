package org.eventdedup.worker.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eventdedup.worker.input.StrictUtf8;

/**
 * JSON object bodies, read as the config API reads them: media type (415), size by Content-Length and by the bytes
 * read (413), UTF-8 without a byte order mark ({@link StrictUtf8}), strict syntax — duplicate keys, trailing content,
 * NaN are errors — and decimals kept exact as {@link java.math.BigDecimal} (400), "must be an object" (400). Messages
 * never quote the body nor name the parser's classes and settings.
 */
final class JsonBodies {
    static final Set<String> JSON = Set.of("application/json");
    static final Set<String> JSON_OR_MERGE_PATCH = Set.of("application/json", "application/merge-patch+json");

    private static final int MAX_NESTING_DEPTH = 64;

    private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    Map<String, Object> readObject(Context ctx, Set<String> mediaTypes, int maxBytes) {
        checkContentType(ctx.header("Content-Type"), mediaTypes);
        byte[] body = readBytes(ctx, maxBytes);
        if (body.length == 0) {
            throw WorkerProblem.badRequest("The request body is empty; a JSON object is required.");
        }
        return parseObject(body);
    }

    /** For endpoints that need no body: none at all is an empty object; a body present is read as usual. */
    Map<String, Object> readOptionalObject(Context ctx, Set<String> mediaTypes, int maxBytes) {
        byte[] body = readBytes(ctx, maxBytes);
        if (body.length == 0) {
            return Map.of();
        }
        checkContentType(ctx.header("Content-Type"), mediaTypes);
        return parseObject(body);
    }

    private Map<String, Object> parseObject(byte[] body) {
        if (StrictUtf8.startsWithByteOrderMark(body)) {
            throw WorkerProblem.badRequest("The request body starts with a byte order mark; send UTF-8 without one.");
        }
        Object parsed;
        try (Reader reader = StrictUtf8.reader(body)) {
            parsed = mapper.readValue(reader, Object.class);
        } catch (JsonProcessingException e) {
            throw WorkerProblem.badRequest(describe(e));
        } catch (CharacterCodingException e) {
            throw WorkerProblem.badRequest("The request body is not valid UTF-8.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw WorkerProblem.badRequest("The request body must be a JSON object, got " + kind(parsed) + ".");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) parsed;
        return object;
    }

    static void checkContentType(String header, Set<String> mediaTypes) {
        String allowed = String.join(" or ", mediaTypes.stream().sorted().toList());
        if (header == null) {
            throw WorkerProblem.unsupportedMediaType(null, allowed);
        }
        String[] parts = header.split(";");
        if (!mediaTypes.contains(parts[0].trim().toLowerCase(Locale.ROOT))) {
            throw WorkerProblem.unsupportedMediaType(header, allowed);
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset")) {
                String charset = param.length < 2 ? "" : param[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    throw WorkerProblem.unsupportedMediaType(header, allowed);
                }
            }
        }
    }

    private static byte[] readBytes(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw WorkerProblem.tooLarge(maxBytes, declared);
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw WorkerProblem.tooLarge(maxBytes, -1);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

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

    private static String kind(Object value) {
        if (value == null) {
            return "null";
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
