package org.eventdedup.worker.adapter.http.violation;

/** Breaks "adapters never depend on each other". */
public class HttpAdapterUsingGemini {
    org.eventdedup.worker.adapter.gemini.GeminiSettings settings;
}
