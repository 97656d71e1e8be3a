/**
 * Outbound adapter of the matching engine's {@code AmbiguousPairResolver} port onto Google Gemini
 * {@code generateContent} (REST, {@code java.net.http}), with the answer cache it reads and fills.
 * {@link org.eventdedup.worker.gemini.GeminiPairResolver} is what the composition root wires;
 * {@link org.eventdedup.worker.gemini.GeminiAnswerCache} is the port a database-backed cache implements.
 */
package org.eventdedup.worker.gemini;
