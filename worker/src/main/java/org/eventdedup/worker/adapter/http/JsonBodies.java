package org.eventdedup.worker.adapter.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import org.eventdedup.http.RequestJson;

/**
 * This adapter's request bodies, read by the shared {@link RequestJson} rules the config API reads its bodies by
 * (415, 413, 400), each endpoint with its own size limit. A 415 says "(UTF-8)" as this adapter always has.
 */
final class JsonBodies {
    private final RequestJson json = new RequestJson(RequestJson.CharsetWording.ALWAYS);

    /** A JSON object body. */
    Map<String, Object> readObject(Context ctx, Set<String> mediaTypes, int maxBytes) {
        return json.readObject(request(ctx), mediaTypes, maxBytes);
    }

    /** For endpoints that need no body: none at all is an empty object; a body present is read as usual. */
    Map<String, Object> readOptionalObject(Context ctx, Set<String> mediaTypes, int maxBytes) {
        return json.readOptionalObject(request(ctx), mediaTypes, maxBytes);
    }

    /** A body of any JSON (an input file, checked by its own parser): media type and size only. */
    byte[] readBytes(Context ctx, Set<String> mediaTypes, int maxBytes) {
        json.checkContentType(ctx.header("Content-Type"), mediaTypes);
        return RequestJson.readBytes(request(ctx), maxBytes);
    }

    /** 415 unless the header names one of {@code mediaTypes} in UTF-8. */
    void checkContentType(String header, Set<String> mediaTypes) {
        json.checkContentType(header, mediaTypes);
    }

    private static RequestJson.Request request(Context ctx) {
        return new RequestJson.Request(ctx.header("Content-Type"), ctx.req().getContentLengthLong(),
                ctx.req()::getInputStream);
    }
}
