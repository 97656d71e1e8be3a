package org.eventdedup.config.adapter.http;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Security headers on every response of the API and the web UI, set when Jetty accepts the request, so static
 * files, API answers and Javalin's error pages all carry them. The page loads only its own script and style files
 * (no inline scripts, no inline handlers), so the policy can be strict.
 */
final class SecurityHeaders implements HttpConfiguration.Customizer {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Override
    public void customize(Connector connector, HttpConfiguration configuration, Request request) {
        Response response = request.getResponse();
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
