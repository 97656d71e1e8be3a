/**
 * Driving HTTP adapter of the config domain: the {@code /api/config} endpoints, {@code /health}, {@code /ready} and
 * the web UI's static files, on Javalin. {@link org.eventdedup.config.adapter.http.ConfigHttpServer} is the only
 * public type; everything else is package-private and wired by it.
 */
package org.eventdedup.config.adapter.http;
