package org.eventdedup.config.adapter.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import org.eventdedup.http.RequestJson;

/**
 * Reads this adapter's JSON request bodies with the shared {@link RequestJson} rules (415, 413, 400), at most
 * {@value #MAX_BYTES} bytes. The body is read from the servlet stream directly, never through Javalin's
 * {@code ctx.body()}, so the limit and its problem response are ours.
 */
final class RequestBodies {
    static final int MAX_BYTES = 64 * 1024;

    private final RequestJson json = new RequestJson(RequestJson.CharsetWording.WHEN_WRONG);

    /** The body as a JSON object tree (keys in request order). */
    Map<String, Object> readObject(Context ctx, Set<String> mediaTypes) {
        RequestJson.Request request = new RequestJson.Request(ctx.header("Content-Type"),
                ctx.req().getContentLengthLong(), ctx.req()::getInputStream);
        return json.readObject(request, mediaTypes, MAX_BYTES);
    }
}
