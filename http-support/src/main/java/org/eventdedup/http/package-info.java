/**
 * What both HTTP adapters (the config API and the worker's endpoints) share so that they answer alike without
 * depending on each other: {@link org.eventdedup.http.RequestJson} reads JSON request bodies strictly,
 * {@link org.eventdedup.http.ResponseJson} writes response bodies with plain numbers, and
 * {@link org.eventdedup.http.HttpProblem} is an error answer as RFC 9457 problem+json. Plain Java and Jackson, no web
 * framework: each adapter hands in what it read from its request and sends what it gets back.
 */
package org.eventdedup.http;
