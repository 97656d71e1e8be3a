package org.eventdedup.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eventdedup.config.domain.port.in.ConfigProvider;
import org.eventdedup.config.domain.port.in.PreviewConfigUseCase;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.matching.tuning.TunerSettings;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.adapter.files.IngestionWorker;
import org.eventdedup.worker.adapter.files.YamlLexiconLoader;
import org.eventdedup.worker.adapter.gemini.GeminiKeyCheck;
import org.eventdedup.worker.adapter.gemini.GeminiPairResolver;
import org.eventdedup.worker.adapter.gemini.GeminiSettings;
import org.eventdedup.worker.adapter.http.LabelHttpRoutes;
import org.eventdedup.worker.adapter.http.PreviewHttpRoutes;
import org.eventdedup.worker.adapter.http.SuggestHttpRoutes;
import org.eventdedup.worker.adapter.persistence.JdbiCanonicalMembers;
import org.eventdedup.worker.adapter.persistence.JdbiGeminiAnswerCache;
import org.eventdedup.worker.adapter.persistence.JdbiGroundTruthStore;
import org.eventdedup.worker.adapter.persistence.JdbiLabelStore;
import org.eventdedup.worker.adapter.persistence.JdbiQualitySource;
import org.eventdedup.worker.adapter.http.QualityHttpRoutes;
import org.eventdedup.worker.query.MeasureQuality;
import org.eventdedup.worker.query.SummariseLabels;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.eventdedup.worker.adapter.persistence.JdbiLabelStore;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import org.eventdedup.worker.adapter.persistence.JdbiPreviewSamples;
import org.eventdedup.worker.adapter.persistence.JdbiReviewQueue;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.labels.Labelling;
import org.eventdedup.worker.labels.ReviewPairs;
import org.eventdedup.worker.port.GroundTruthStore;
import org.eventdedup.worker.preview.ImpactPreview;
import org.eventdedup.worker.tuning.SuggestConfig;
import org.eventdedup.worker.tuning.SuggestionJobs;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunCheckpoint;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker wired for the composition root: its core (intake, pipeline run, preview) on the PostgreSQL adapters,
 * the Gemini resolver with its PostgreSQL answer cache, the dead-letter folder and, on request, the folder-watching
 * loop.
 *
 * <pre>{@code
 * WorkerModule worker = WorkerModule.create(persistence.jdbi(), configService, settings);
 * worker.startWatching(configVersion);   // the `worker` and `serve` commands
 * worker.intake();          // POST /api/ingest
 * worker.close();
 * }</pre>
 */
public final class WorkerModule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerModule.class);

    /**
     * @param eventDataDir  the watched folder ({@code EVENT_DEDUP_EVENT_DATA_DIR})
     * @param deadLetterDir rejected files ({@code EVENT_DEDUP_DEAD_LETTER_DIR})
     * @param lexiconDir    the folder of prefixes.yaml, synonyms.yaml and city_aliases.yaml (missing files add
     *                      nothing)
     * @param geminiBaseUrl {@code EVENT_DEDUP_GEMINI_BASE_URL}, null for Google's endpoint
     * @param maxFilesPerRun queued files one run takes at most ({@code EVENT_DEDUP_WORKER_MAX_FILES_PER_RUN})
     */
    public record Settings(Path eventDataDir, Path deadLetterDir, Path lexiconDir, String geminiBaseUrl,
                           int maxFilesPerRun) {
        public Settings {
            Objects.requireNonNull(eventDataDir, "eventDataDir");
            Objects.requireNonNull(deadLetterDir, "deadLetterDir");
            Objects.requireNonNull(lexiconDir, "lexiconDir");
            if (maxFilesPerRun < 1) {
                throw new IllegalArgumentException("maxFilesPerRun must be positive, was " + maxFilesPerRun);
            }
        }

        /** With {@link PipelineRun#DEFAULT_MAX_FILES_PER_RUN}. */
        public Settings(Path eventDataDir, Path deadLetterDir, Path lexiconDir, String geminiBaseUrl) {
            this(eventDataDir, deadLetterDir, lexiconDir, geminiBaseUrl, PipelineRun.DEFAULT_MAX_FILES_PER_RUN);
        }
    }

    private final Settings settings;
    private final Jdbi jdbi;
    private final Lexicon lexicon;
    private final ConfigProvider configProvider;
    private final FileIntake intake;
    private final PipelineRun pipeline;
    private IngestionWorker loop;
    /** Label changes made through this process: each wakes its worker loop (another process's wait for its poll). */
    private final AtomicLong labelChanges = new AtomicLong();

    private WorkerModule(Settings settings, Jdbi jdbi, Lexicon lexicon, ConfigProvider configProvider,
                         FileIntake intake, PipelineRun pipeline) {
        this.settings = settings;
        this.jdbi = jdbi;
        this.lexicon = lexicon;
        this.configProvider = configProvider;
        this.intake = intake;
        this.pipeline = pipeline;
    }

    public static WorkerModule create(Jdbi jdbi, ConfigProvider configProvider, Settings settings) {
        Lexicon lexicon = new YamlLexiconLoader().loadFrom(settings.lexiconDir());
        DeadLetterDirectory deadLetters = new DeadLetterDirectory(settings.deadLetterDir());
        GeminiPairResolver resolver = new GeminiPairResolver(settings.geminiBaseUrl(),
                new JdbiGeminiAnswerCache(jdbi));
        PipelineRun pipeline = new PipelineRun(new JdbiPipelineTransactions(jdbi), configProvider, lexicon, resolver,
                deadLetters, new JdbiLabelStore(jdbi, Clock.systemUTC()), RunCheckpoint.NONE, Clock.systemUTC(),
                settings.maxFilesPerRun(), PipelineRun.DEFAULT_MAX_LISTINGS_PER_RUN);
        FileIntake intake = new FileIntake(new JdbiIngestionQueue(jdbi), deadLetters, FileIntake.DEFAULT_MAX_BYTES);
        return new WorkerModule(settings, jdbi, lexicon, configProvider, intake, pipeline);
    }

    /** Where files enter (the watched folder and uploads). */
    public FileIntake intake() {
        return intake;
    }

    public PipelineRun pipeline() {
        return pipeline;
    }

    /**
     * The impact preview, ground truth and key test endpoints: the engine with this worker's lexicon on all cores,
     * the ground truth in this database, Gemini at the configured base URL.
     */
    public PreviewHttpRoutes previewRoutes(PreviewConfigUseCase configs) {
        return new PreviewHttpRoutes(
                new ImpactPreview(new JdbiPreviewSamples(jdbi), configs, lexicon, Runtime.getRuntime().availableProcessors()),
                new JdbiGroundTruthStore(jdbi),
                new GeminiKeyCheck(GeminiSettings.forBaseUrl(settings.geminiBaseUrl()), configProvider));
    }

    /**
     * "Suggest values": the config tuner over this database's listings and ground truth, with this worker's lexicon
     * on all cores, one suggestion at a time.
     */
    public SuggestHttpRoutes suggestRoutes(PreviewConfigUseCase configs) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new SuggestHttpRoutes(new SuggestionJobs(new SuggestConfig(new JdbiPreviewSamples(jdbi), configs,
                lexicon, TunerSettings.DEFAULT.withThreads(cores))));
    }

    /** {@code GET /api/quality} and {@code GET /api/labels/summary}, over this database. */
    public QualityHttpRoutes qualityRoutes() {
        return new QualityHttpRoutes(new MeasureQuality(new JdbiQualitySource(jdbi)),
                new SummariseLabels(new JdbiLabelStore(jdbi, Clock.systemUTC())));
    }

    /**
     * The operator's loop: labels (with merge and split of canonical events) and the review queue under the current
     * config. A label takes effect on the next pipeline run.
     */
    public LabelHttpRoutes labelRoutes() {
        return new LabelHttpRoutes(
                new Labelling(new JdbiLabelStore(jdbi, Clock.systemUTC()), new JdbiCanonicalMembers(jdbi),
                        labelChanges::incrementAndGet),
                new ReviewPairs(new JdbiReviewQueue(jdbi), configProvider));
    }

    /** The stored ground truth (the {@code ground-truth import} command). */
    public GroundTruthStore groundTruth() {
        return new JdbiGroundTruthStore(jdbi);
    }

    /**
     * Starts watching the folder and running the pipeline on its own thread.
     *
     * @param wakeRevision changes when there is reason to run other than files (the saved config's version): the
     *                     loop then runs at once instead of at its next poll, as it does for a label changed through
     *                     this process; asked often, so it must not query
     */
    public synchronized WorkerModule startWatching(LongSupplier wakeRevision) {
        if (loop == null) {
            loop = new IngestionWorker(settings.eventDataDir(), intake, pipeline, IngestionWorker.Timing.DEFAULT,
                    () -> wakeRevision.getAsLong() + labelChanges.get()).start();
            log.info("Worker started: watching {}, dead letters in {}", settings.eventDataDir().toAbsolutePath(),
                    settings.deadLetterDir().toAbsolutePath());
        }
        return this;
    }

    /** Stops the loop after its current run. */
    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.close();
            loop = null;
        }
    }
}
