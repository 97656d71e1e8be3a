package org.eventdedup.worker.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.adapter.yaml.YamlConfigFileReader;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.adapter.files.YamlLexiconLoader;
import org.eventdedup.worker.labels.ReviewPairs;
import org.eventdedup.worker.port.LabelStore;
import org.eventdedup.worker.port.ReviewQueue;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunCheckpoint;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review queue on the shared sample ({@code EVENT_DEDUP_SAMPLE_DIR}, default {@code /work/shared/data/sample}):
 * every input file through the real pipeline with the shipped config and lexicon, then each order's first page,
 * timed. Skipped where the sample is not present.
 */
@ExtendWith(FreshDatabaseExtension.class)
@EnabledIf("sampleIsPresent")
class ReviewQueueSampleIT {

    private static final Path SAMPLE = Path.of(System.getenv().getOrDefault("EVENT_DEDUP_SAMPLE_DIR",
            "/work/shared/data/sample"));
    private static final Path CONFIG_DIR = Path.of("..", "config");
    /** Generous for a shared CI machine; on the sample a page takes a few milliseconds. */
    private static final long MAX_PAGE_MILLIS = 1000;

    private final Jdbi jdbi;
    private final ConfigService config;
    @TempDir
    Path deadLetters;

    ReviewQueueSampleIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
        this.config = new ConfigService(persistence.configRepository(), new ReversingSecretCipher(),
                new YamlConfigFileReader().read(CONFIG_DIR.resolve("matching.yaml")).orElse(null), null,
                Clock.systemUTC());
    }

    static boolean sampleIsPresent() {
        return Files.isDirectory(SAMPLE.resolve("input"));
    }

    @Test
    void every_order_answers_a_page_quickly_on_the_sample() throws IOException {
        ingestSample();
        ReviewPairs review = new ReviewPairs(new JdbiReviewQueue(jdbi), config);
        long decisions = count("SELECT count(*) FROM match_decisions");
        long ambiguous = count("SELECT count(*) FROM match_decisions WHERE decision = 'ambiguous'");

        for (ReviewQueue.Order order : ReviewQueue.Order.values()) {
            review.pairs(20, 0, order); // warm-up: plans and caches
            long start = System.nanoTime();
            ReviewQueue.Result first = review.pairs(20, 0, order);
            long firstMillis = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            ReviewQueue.Result deep = review.pairs(200, (int) Math.max(0, first.total() - 200), order);
            long deepMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("review queue %s: %d of %d decisions (%d ambiguous) need review; first page of 20"
                            + " %d ms, last page of 200 %d ms%n", order, first.total(), decisions, ambiguous,
                    firstMillis, deepMillis);
            assertThat(first.total()).isGreaterThanOrEqualTo(ambiguous);
            assertThat(first.items()).hasSize(20);
            assertThat(firstMillis).isLessThan(MAX_PAGE_MILLIS);
            assertThat(deepMillis).isLessThan(MAX_PAGE_MILLIS);
        }

        // a label takes its pair out of the queue at once
        ReviewQueue.Item top = review.pairs(1, 0, ReviewQueue.Order.UNCERTAINTY).items().get(0);
        long before = review.pairs(1, 0, ReviewQueue.Order.UNCERTAINTY).total();
        new JdbiLabelStore(jdbi, Clock.systemUTC()).put(List.of(new LabelStore.NewLabel(
                        IdPair.of(top.a().id(), top.b().id()), LabelStore.Verdict.SAME, null)), "test",
                new AuditEntry("test", "label.set", null, java.util.Map.of()));
        assertThat(review.pairs(1, 0, ReviewQueue.Order.UNCERTAINTY).total()).isEqualTo(before - 1);
    }

    private void ingestSample() throws IOException {
        JdbiIngestionQueue queue = new JdbiIngestionQueue(jdbi);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(SAMPLE.resolve("input"))) {
            listing.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            queue.offer(name, org.eventdedup.worker.input.InputFileParser.sourceCode(name), "test", file.toString(), Files.readAllBytes(file));
        }
        PipelineRun pipeline = new PipelineRun(new JdbiPipelineTransactions(jdbi), config,
                new YamlLexiconLoader().loadFrom(CONFIG_DIR), null, new DeadLetterDirectory(deadLetters),
                RunCheckpoint.NONE, Clock.systemUTC());
        long start = System.nanoTime();
        while (pipeline.runOnce().isPresent()) {
            if (count("SELECT count(*) FROM file_ingestions WHERE status = 'pending'") == 0) {
                break;
            }
        }
        System.out.printf("sample ingested: %d files, %d listings in %d ms%n", files.size(),
                count("SELECT count(*) FROM source_events"), (System.nanoTime() - start) / 1_000_000);
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
