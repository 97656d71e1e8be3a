/**
 * Ports of the matching engine: what it needs from outside (the AI tier). Implemented by the worker's Gemini
 * adapter; tests use fakes.
 */
package org.eventdedup.matching.port;
