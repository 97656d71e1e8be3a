/**
 * Driving HTTP adapter of the worker (contract §2): {@code /api/runs}, {@code /api/ingest} and
 * {@code /api/canonical-events} as Javalin routes. {@link org.eventdedup.worker.adapter.http.WorkerHttpRoutes} is the only
 * public type; the composition root hands it to the config server's {@code extraRoutes}, so these endpoints share
 * its port, its problem+json rendering of unknown paths, wrong methods and unexpected errors, and its headers. The
 * errors this adapter raises itself are {@link org.eventdedup.http.HttpProblem}s, and its request and response
 * bodies go through {@code http-support} too, so both APIs answer alike without depending on each other.
 */
package org.eventdedup.worker.adapter.http;
