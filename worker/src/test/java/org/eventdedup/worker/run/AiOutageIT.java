package org.eventdedup.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.adapter.gemini.GeminiPairResolver;
import org.eventdedup.worker.adapter.persistence.JdbiGeminiAnswerCache;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * AI on, provider unreachable (its URL a closed local port): the run does not stall. The circuit breaker stops
 * calling after a few connection failures, every pair in the AI window stays ambiguous, the run completes with one
 * summarised warning instead of one per pair. Prints the run's wall time (the target is well under 15 s for 200+
 * pairs; with 4 attempts per pair and backoff it used to take minutes).
 */
@ExtendWith(FreshDatabaseExtension.class)
class AiOutageIT {

    private static final int LISTINGS = 30; // 435 pairs on one day in one town, all in the AI window

    private final Jdbi jdbi;
    private final PersistenceModule persistence;
    @TempDir
    Path folder;

    AiOutageIT(PersistenceModule persistence) {
        this.persistence = persistence;
        this.jdbi = persistence.jdbi();
    }

    @Test
    void an_unreachable_provider_leaves_the_window_ambiguous_with_one_warning_and_does_not_stall_the_run()
            throws IOException {
        ConfigService configs = new ConfigService(persistence.configRepository(), new ReversingSecretCipher(), null,
                null, Clock.systemUTC());
        Map<String, Object> ai = new LinkedHashMap<>();
        ai.put("enabled", true);
        ai.put("min_combined_score", 0.0);
        ai.put("max_combined_score", 1.0);
        configs.update(new UpdateConfigCommand(Map.of("ai", ai, "thresholds", Map.of("low", 0.0, "high", 1.0)),
                new ApiKeyChange.Set(SecretString.of("AIzaSy-unreachable-provider-test")), Precondition.NONE, "test"));
        new JdbiIngestionQueue(jdbi).offer("bwb_01.json", "bwb", "test", null, listings());
        PipelineRun pipeline = new PipelineRun(new JdbiPipelineTransactions(jdbi), configs, Lexicon.EMPTY,
                new GeminiPairResolver("http://127.0.0.1:" + closedPort(), new JdbiGeminiAnswerCache(jdbi)),
                new DeadLetterDirectory(folder), RunCheckpoint.NONE, Clock.systemUTC());

        long started = System.nanoTime();
        RunSummary run = pipeline.runOnce().orElseThrow();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("AiOutageIT: %d pairs in the AI window, provider unreachable: run took %d ms%n",
                run.count("ai_candidates"), millis);

        assertThat(run.completed()).as(run.error()).isTrue();
        assertThat(run.count("ai_candidates")).isGreaterThanOrEqualTo(200);
        assertThat(run.count("ai_answered")).isZero();
        assertThat(run.count("ambiguous")).isEqualTo(run.count("pairs"));
        assertThat(run.warnings()).filteredOn(w -> w.contains("AI")).singleElement().asString()
                .startsWith("AI provider unreachable (connection refused by 127.0.0.1:")
                .endsWith("; " + run.count("ai_candidates") + " pairs left ambiguous");
        long calls = jdbi.withHandle(h -> h.createQuery("SELECT sum(api_calls) FROM ai_usage_log")
                .mapTo(Long.class).one());
        assertThat(calls).as("a handful of calls, not 4 per pair").isLessThanOrEqualTo(10);
    }

    /** Thirty listings of one concert in one town on one day, each from its own source. */
    private static byte[] listings() throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < LISTINGS; i++) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", "bwb-" + i);
            event.put("title", "Frühjahrskonzert Musikverein " + (char) ('A' + i % 26));
            event.put("description", "Konzert in der Stadthalle, Nummer " + i);
            event.put("source_type", "terminliste");
            event.put("event_dates", List.of(Map.of("date", "2026-03-01", "start_time", "19:30")));
            event.put("location", Map.of("name", "Stadthalle", "city", "Emmendingen"));
            events.add(event);
        }
        return new ObjectMapper().writeValueAsString(Map.of("events", events)).getBytes(StandardCharsets.UTF_8);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
