/**
 * Driving HTTP adapter of the config domain: the {@code /api/config} endpoints, {@code /health}, {@code /ready} and
 * the web UI's static files, on Javalin. {@link org.eventdedup.config.adapter.http.ConfigHttpServer} is the only
 * public type; everything else is package-private and wired by it. Request bodies, response numbers and
 * problem+json come from {@code http-support} ({@code org.eventdedup.http}), which the worker's routes use too.
 */
package org.eventdedup.config.adapter.http;
