package org.eventdedup.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.eventdedup.benchmarks.BenchmarkHost;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.config.adapter.secret.FernetKeyRing;
import org.eventdedup.config.adapter.secret.FernetSecretCipher;
import org.eventdedup.config.adapter.yaml.YamlConfigFileReader;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.adapter.files.YamlLexiconLoader;
import org.eventdedup.worker.adapter.persistence.JdbiGroundTruthStore;
import org.eventdedup.worker.adapter.persistence.JdbiLabelStore;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineQueries;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import org.eventdedup.worker.adapter.persistence.JdbiPreviewSamples;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.port.DeadLetters;
import org.eventdedup.worker.port.GroundTruthStore;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.port.PreviewSamples;
import org.eventdedup.worker.query.ReadCanonicalEventsUseCase;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunCheckpoint;
import org.jdbi.v3.core.Jdbi;

/** The worker's core for a benchmark, on the PostgreSQL adapters of one database (see {@link BenchmarkHost.Worker}). */
final class BenchmarkWorker implements BenchmarkHost.Worker {
    private final PersistenceModule persistence;
    private final ConfigService configService;
    private final Lexicon lexicon;
    private final PipelineRun pipeline;
    private final IngestionQueue queue;
    private final FileIntake intake;
    private final GroundTruthStore groundTruth;
    private final PreviewSamples previewSamples;
    private final ReadCanonicalEventsUseCase canonicalEvents;

    private BenchmarkWorker(PersistenceModule persistence, ConfigService configService, Lexicon lexicon,
                            PipelineRun pipeline, DeadLetters deadLetters) {
        Jdbi jdbi = persistence.jdbi();
        this.persistence = persistence;
        this.configService = configService;
        this.lexicon = lexicon;
        this.pipeline = pipeline;
        this.queue = new JdbiIngestionQueue(jdbi);
        this.intake = new FileIntake(queue, deadLetters, FileIntake.DEFAULT_MAX_BYTES);
        this.groundTruth = new JdbiGroundTruthStore(jdbi);
        this.previewSamples = new JdbiPreviewSamples(jdbi);
        this.canonicalEvents = new JdbiPipelineQueries(jdbi, lexicon);
    }

    /** Connects, migrates and wires; the config service has a fresh key and the config file as its fallback. */
    static BenchmarkWorker open(DatabaseSettings database, Path configFile, Path lexiconDir) {
        PersistenceModule persistence = PersistenceModule.connect(database);
        try {
            persistence.migrate();
            ConfigService configService = new ConfigService(persistence.configRepository(),
                    new FernetSecretCipher(FernetKeyRing.parse(FernetKey.generate())),
                    new YamlConfigFileReader().read(configFile).orElse(null), null, Clock.systemUTC());
            Lexicon lexicon = new YamlLexiconLoader().loadFrom(lexiconDir);
            DeadLetters deadLetters = new DeadLetterDirectory(Files.createTempDirectory("bench-dead-letters"));
            PipelineRun pipeline = new PipelineRun(new JdbiPipelineTransactions(persistence.jdbi()), configService,
                    lexicon, null, deadLetters, new JdbiLabelStore(persistence.jdbi(), Clock.systemUTC()),
                    RunCheckpoint.NONE, Clock.systemUTC());
            return new BenchmarkWorker(persistence, configService, lexicon, pipeline, deadLetters);
        } catch (IOException e) {
            persistence.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            persistence.close();
            throw e;
        }
    }

    @Override
    public PipelineRun pipeline() {
        return pipeline;
    }

    @Override
    public IngestionQueue queue() {
        return queue;
    }

    @Override
    public FileIntake intake() {
        return intake;
    }

    @Override
    public GroundTruthStore groundTruth() {
        return groundTruth;
    }

    @Override
    public PreviewSamples previewSamples() {
        return previewSamples;
    }

    @Override
    public ReadCanonicalEventsUseCase canonicalEvents() {
        return canonicalEvents;
    }

    @Override
    public ConfigService configService() {
        return configService;
    }

    @Override
    public Lexicon lexicon() {
        return lexicon;
    }

    @Override
    public void close() {
        persistence.close();
    }
}
