package org.eventdedup.config.adapter.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eventdedup.http.HttpProblem;
import org.eventdedup.http.ResponseJson;
import org.eventdedup.http.StatusTitles;

/**
 * Errors Jetty answers before Javalin sees the request (unparsable request line or headers, URI too long): a bare
 * problem+json instead of Jetty's HTML page, which would show the server and, depending on settings, stack traces.
 */
final class JettyProblemErrorHandler extends ErrorHandler {
    private final ResponseJson json;

    JettyProblemErrorHandler(ResponseJson json) {
        this.json = json;
        setShowStacks(false);
        setShowServlet(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws IOException {
        byte[] body = body(code);
        response.setContentType(HttpProblem.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, HttpProblem.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status));
    }

    private byte[] body(int status) {
        String detail = status >= 500 ? ProblemResponses.GENERIC_500_DETAIL
                : "The request could not be understood (" + StatusTitles.of(status) + ").";
        return json.write(HttpProblem.of(status, detail).body());
    }
}
