package org.eventdedup.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.port.GroundTruthStore;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.port.PreviewSamples;
import org.eventdedup.worker.query.ReadCanonicalEventsUseCase;
import org.eventdedup.worker.run.PipelineRun;

/**
 * What the benchmarks need from the wired product. Only the launcher creates adapters (PostgreSQL stores, the HTTP
 * server, the YAML readers), so it implements this port; the benchmarks see core types of the config, the engine
 * and the worker, never a connection or a server.
 */
public interface BenchmarkHost {

    /** Why a benchmark has no database server to work on: the command prints the reason and exits 2. */
    final class UnavailableException extends Exception {
        public UnavailableException(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The server of {@code EVENT_DEDUP_DATABASE_URL}, where benchmarks create their scratch databases, after the
     * product's settings were read from the environment (and its logging set up).
     *
     * @param command names the command in the reason
     * @throws UnavailableException when the variable is missing, or it or another setting is not valid
     */
    ScratchServer scratchServer(String command) throws UnavailableException;

    /**
     * The worker's core on the database {@code EVENT_DEDUP_DATABASE_URL} names, migrated: for a benchmark's child
     * JVM, whose parent pointed it at a scratch database ({@link ScratchDatabase#pointChildAt}).
     */
    Worker openWorker(Path configFile, Path lexiconDir);

    /** A matching config YAML file over the built-ins; empty when there is no such file. */
    Optional<MatchingConfig> readConfig(Path file);

    /** The lexicon files (prefixes, synonyms, city aliases) of a folder. */
    Lexicon readLexicon(Path directory);

    /** The class whose {@code main} runs the event-dedup commands: child JVMs start it on this JVM's class path. */
    String mainClass();

    /** Where scratch databases are created. */
    interface ScratchServer {
        /** @param purpose lower-case letters naming the benchmark, part of the database's name */
        ScratchDatabase create(String purpose);
    }

    /**
     * A database of a benchmark's own, dropped with its connections on {@link #close()}: benchmarks never touch the
     * operator's data.
     */
    interface ScratchDatabase extends AutoCloseable {

        /** The worker's core on this database, migrated. */
        Worker openWorker(Path configFile, Path lexiconDir);

        /**
         * The whole application on this database, as {@code serve} wires it but without the folder watch: a fresh
         * encryption key, a generated password for the bootstrap admin, HTTP on a free port.
         */
        RunningApplication startApplication();

        /** Sets the variables with which a child JVM's host opens this database. */
        void pointChildAt(Map<String, String> environment);

        @Override
        void close();
    }

    /** The application of {@link ScratchDatabase#startApplication()}; closing stops it. */
    interface RunningApplication extends AutoCloseable {
        URI uri();

        /** The {@code Authorization} header value that signs in as the bootstrap admin. */
        String adminAuthorization();

        ConfigService configService();

        @Override
        void close();
    }

    /**
     * The worker's core on one database, as the product wires it, except: no AI resolver, dead letters in a
     * temporary folder, and a config service with a fresh encryption key whose fallback is the given config file.
     * Closing releases the connections.
     */
    interface Worker extends AutoCloseable {
        PipelineRun pipeline();

        IngestionQueue queue();

        /** Where the watched folder's files enter, as the worker wires it. */
        FileIntake intake();

        GroundTruthStore groundTruth();

        PreviewSamples previewSamples();

        ReadCanonicalEventsUseCase canonicalEvents();

        ConfigService configService();

        /** The lexicon the pipeline matches with. */
        Lexicon lexicon();

        @Override
        void close();
    }
}
