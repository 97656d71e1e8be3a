package org.eventdedup.config.adapter.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON request bodies: media type (415), size (413, by Content-Length and by the bytes actually read, so a
 * chunked body cannot slip past), syntax and "must be an object" (400). The body is read from the servlet stream
 * directly, never through Javalin's {@code ctx.body()}, so the limit and its problem response are ours.
 */
final class RequestBodies {
    static final int MAX_BYTES = 64 * 1024;

    static final Set<String> JSON = Set.of("application/json");
    static final Set<String> JSON_OR_MERGE_PATCH = Set.of("application/json", "application/merge-patch+json");

    private final JsonCodec json;

    RequestBodies(JsonCodec json) {
        this.json = json;
    }

    /** The body as a JSON object tree (keys in request order). */
    Map<String, Object> readObject(Context ctx, Set<String> mediaTypes) {
        checkContentType(ctx.header("Content-Type"), mediaTypes);
        Object parsed = json.parse(readBytes(ctx));
        if (!(parsed instanceof Map<?, ?>)) {
            throw HttpProblem.badRequest("The request body must be a JSON object, got " + kind(parsed) + ".");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) parsed;
        return object;
    }

    static void checkContentType(String header, Set<String> mediaTypes) {
        String allowed = String.join(" or ", mediaTypes.stream().sorted().toList());
        if (header == null) {
            throw HttpProblem.unsupportedMediaType(null, allowed);
        }
        String[] parts = header.split(";");
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaTypes.contains(mediaType)) {
            throw HttpProblem.unsupportedMediaType(header, allowed);
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset")) {
                String charset = param.length < 2 ? "" : param[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    throw HttpProblem.unsupportedMediaType(header, allowed + " in UTF-8");
                }
            }
        }
    }

    private static byte[] readBytes(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw HttpProblem.tooLarge(MAX_BYTES, declared);
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw HttpProblem.tooLarge(MAX_BYTES, -1);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read request body", e);
        }
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof java.util.List) {
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
