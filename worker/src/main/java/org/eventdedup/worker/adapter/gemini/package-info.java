/**
 * Outbound adapter of the matching engine's {@code AmbiguousPairResolver} port onto Google Gemini
 * {@code generateContent} (REST, {@code java.net.http}), with the answer cache it reads and fills.
 * {@link org.eventdedup.worker.adapter.gemini.GeminiPairResolver} is what the composition root wires;
 * {@link org.eventdedup.worker.port.GeminiAnswerCache} is the port a database-backed cache implements.
 */
package org.eventdedup.worker.adapter.gemini;
