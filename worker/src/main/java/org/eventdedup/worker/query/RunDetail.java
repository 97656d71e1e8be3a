package org.eventdedup.worker.query;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run with what the list leaves out.
 *
 * @param timings milliseconds by step ({@code lock_and_claim_ms}, {@code ingest_ms}, {@code matching_ms},
 *                {@code total_ms})
 * @param aiUsage the AI tier's usage ({@code ai_usage_log}); empty when the run sent nothing to it
 * @param files   the input files the run took, in the order it took them
 */
public record RunDetail(RunView run, Map<String, Long> timings, List<AiUsageView> aiUsage, List<RunFile> files) {
    public RunDetail {
        Objects.requireNonNull(run, "run");
        timings = Map.copyOf(timings);
        aiUsage = List.copyOf(aiUsage);
        files = List.copyOf(files);
    }

    /** @param problems for a failed file, every problem as stored ({@code event_index}, {@code event_id}, ...) */
    public record RunFile(long ingestionId, String filename, String origin, String status, int eventCount,
                          long sizeBytes, List<Map<String, Object>> problems) {
        public RunFile {
            problems = List.copyOf(problems);
        }
    }

    public record AiUsageView(String model, int requests, int cachedRequests, int apiCalls, int failedRequests,
                              long promptTokens, long outputTokens, long thoughtTokens, long totalTokens,
                              double estimatedCostUsd) {
    }
}
