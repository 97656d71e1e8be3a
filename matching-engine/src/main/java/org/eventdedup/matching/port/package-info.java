/**
 * Ports of the matching engine: what it needs from outside (the AI tier). Implemented by the worker's Gemini
 * adapter ({@code GeminiPairResolver}); tests use fakes. The engine asks through
 * {@link org.eventdedup.matching.port.AmbiguousPairResolver#resolveWithUsage}, so a resolver can report usage
 * ({@link org.eventdedup.matching.port.AiUsage}) and per-pair warnings along with its verdicts.
 */
package org.eventdedup.matching.port;
