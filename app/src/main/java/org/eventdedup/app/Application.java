package org.eventdedup.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.eventdedup.config.adapter.http.AuditRoutes;
import org.eventdedup.config.adapter.http.ConfigHttpServer;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.adapter.secret.Argon2PasswordHasher;
import org.eventdedup.config.adapter.secret.EncryptionKeys;
import org.eventdedup.config.adapter.secret.FernetKeyRing;
import org.eventdedup.config.adapter.secret.FernetSecretCipher;
import org.eventdedup.config.adapter.yaml.ConfigFileException;
import org.eventdedup.config.adapter.yaml.YamlConfigFileReader;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.service.AccessService;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.worker.adapter.http.WorkerHttpRoutes;
import org.eventdedup.worker.adapter.persistence.JdbiCanonicalEventExport;
import org.eventdedup.worker.adapter.persistence.JdbiGroundTruthStore;
import org.eventdedup.worker.port.GroundTruthStore;
import org.eventdedup.worker.adapter.files.YamlLexiconLoader;
import org.eventdedup.worker.adapter.persistence.JdbiListingCategoryCounts;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineQueries;
import org.eventdedup.worker.query.ListingCategories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: wires database, encryption, YAML fallback, the config service, the worker and the HTTP server
 * by hand. One HTTP server serves the config API, the worker's API (runs, ingest, canonical events) and the web UI.
 * One instance per process (or per test); {@link #close()} releases everything in reverse order.
 */
public final class Application implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Application.class);
    static final String WEB_ROOT = "/web";

    private final AppSettings settings;
    private final Database database;
    private final ConfigService configService;
    private final AccessService accessService;
    private final CountDownLatch closed = new CountDownLatch(1);
    private ConfigHttpServer http;
    private WorkerModule worker;

    private Application(AppSettings settings, Database database, ConfigService configService,
                        AccessService accessService) {
        this.settings = settings;
        this.database = database;
        this.configService = configService;
        this.accessService = accessService;
    }

    /**
     * Connects (embedded only with {@link Database.Mode#EMBEDDED_FALLBACK}), migrates, resolves the encryption keys
     * and reads the YAML fallback. Nothing listens yet.
     *
     * @throws UsageException for bad input: no database URL where one is required, embedded PostgreSQL refused,
     *                        unreadable config file
     */
    static Application open(AppSettings settings, Database.Mode mode, String command) {
        Optional<MatchingConfig> fileConfig = readConfigFile(settings.matchingConfigPath());
        Database database = Database.open(settings, mode, command);
        try {
            FernetSecretCipher cipher = new FernetSecretCipher(keyRing(settings));
            ConfigService service = new ConfigService(database.persistence().configRepository(), cipher,
                    fileConfig.orElse(null), settings.geminiApiKey().orElse(null), Clock.systemUTC());
            return new Application(settings, database, service, accessService(database.persistence(), settings));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Public entry for tests and tools: open with an external database only. */
    public static Application openExternal(AppSettings settings) {
        return open(settings, Database.Mode.EXTERNAL_ONLY, "this command");
    }

    /** Operators and sessions on the database, Argon2id passwords, the session timeouts of the settings. */
    static AccessService accessService(PersistenceModule persistence, AppSettings settings) {
        return new AccessService(persistence.operatorRepository(), persistence.sessionRepository(),
                new Argon2PasswordHasher(), Clock.systemUTC(),
                AccessService.Settings.of(settings.sessionIdle(), settings.sessionMax()));
    }

    private static Optional<MatchingConfig> readConfigFile(Path path) {
        try {
            Optional<MatchingConfig> config = new YamlConfigFileReader().read(path);
            if (config.isPresent()) {
                log.info("Config fallback: {} over the built-in defaults", path.toAbsolutePath());
            } else {
                log.info("No config file at {}: the built-in defaults are the fallback", path.toAbsolutePath());
            }
            return config;
        } catch (ConfigFileException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static FernetKeyRing keyRing(AppSettings settings) {
        Optional<SecretString> fromEnvironment = settings.encryptionKey();
        Path keyFile = settings.encryptionKeyFile().toAbsolutePath();
        FernetKeyRing ring;
        try {
            ring = EncryptionKeys.resolve(fromEnvironment.map(SecretString::reveal).orElse(null), keyFile);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (fromEnvironment.isPresent()) {
            log.info("Encryption keys: {} from {}", ring.size(), AppSettings.ENCRYPTION_KEY);
        } else {
            log.info("Encryption key file: {} (back it up: without it a stored API key cannot be decrypted)",
                    keyFile);
        }
        return ring;
    }

    /**
     * Starts the HTTP server on {@code port}: the config API, the worker's API ({@code /api/runs},
     * {@code /api/ingest}, {@code /api/canonical-events} with its export; uploads are queued for whichever worker
     * runs next), the operator's loop (labels, review queue, merge and split), the audit log ({@code /api/audit})
     * and the web UI (when the web-ui jar holds {@value #WEB_ROOT}).
     */
    public Application startHttp(int port) {
        bootstrapAdmin();
        String webRoot = Application.class.getResource(WEB_ROOT) != null ? WEB_ROOT : null;
        WorkerModule module = worker(settings);
        JdbiPipelineQueries queries = new JdbiPipelineQueries(database.persistence().jdbi(),
                new YamlLexiconLoader().loadFrom(lexiconDir(settings)));
        http = ConfigHttpServer.start(port, new ConfigHttpServer.Dependencies(configService, configService,
                configService, configService, database.persistence()::isReady, webRoot,
                List.of(new WorkerHttpRoutes(queries, queries,
                                new ListingCategories(new JdbiListingCategoryCounts(database.persistence().jdbi())),
                                new JdbiCanonicalEventExport(database.persistence().jdbi()), module.intake()),
                        module.previewRoutes(configService), module.suggestRoutes(configService),
                        module.qualityRoutes(), module.labelRoutes(),
                        new AuditRoutes(database.persistence().auditLog())),
                new ConfigHttpServer.Access(accessService, accessService)));
        log.info("HTTP API listening on port {}{}", http.port(), webRoot == null ? " (no web UI bundled)" : "");
        return this;
    }

    /**
     * With no operator at all (first start), creates the admin {@code EVENT_DEDUP_ADMIN_USER} with
     * {@code EVENT_DEDUP_ADMIN_PASSWORD}, or with a generated password written to the log this once.
     */
    private void bootstrapAdmin() {
        if (!accessService.list().isEmpty()) {
            return;
        }
        boolean generated = settings.adminPassword().isEmpty();
        SecretString password = settings.adminPassword().orElseGet(Passwords::generate);
        if (!accessService.bootstrapAdmin(settings.adminUser(), password)) {
            return; // another server created the first operator at the same moment
        }
        if (generated) {
            log.warn("Created the first operator, admin '{}', with the generated password {} (shown only this once;"
                    + " change it with `event-dedup operator passwd {}` or PATCH /api/operators/{})",
                    settings.adminUser(), password.reveal(), settings.adminUser(), settings.adminUser());
        } else {
            log.info("Created the first operator, admin '{}', with the password of {}", settings.adminUser(),
                    AppSettings.ADMIN_PASSWORD);
        }
    }

    /**
     * Starts the worker: watches {@code EVENT_DEDUP_EVENT_DATA_DIR} and runs the pipeline with the config loaded fresh
     * for every run. The lexicon files are read from the folder of the matching config file.
     */
    public synchronized Application startWorker(AppSettings settings) {
        // a saved config (this process's or another's, as the LISTEN/NOTIFY watch hears it) starts its run at once
        PersistenceModule persistence = database.persistence();
        worker(settings).startWatching(() -> persistence.watchedConfigVersion().orElse(-1));
        return this;
    }

    /** The one worker module of the process (its intake serves uploads even when this process does not watch). */
    private synchronized WorkerModule worker(AppSettings settings) {
        if (worker == null) {
            worker = WorkerModule.create(database.persistence().jdbi(), configService, new WorkerModule.Settings(
                    settings.eventDataDir(), settings.deadLetterDir(), lexiconDir(settings),
                    settings.geminiBaseUrl().toString(), settings.workerMaxFilesPerRun()));
        }
        return worker;
    }

    /** The stored ground truth of the config preview. */
    public GroundTruthStore groundTruth() {
        return new JdbiGroundTruthStore(database.persistence().jdbi());
    }

    private static Path lexiconDir(AppSettings settings) {
        return settings.matchingConfigPath().toAbsolutePath().getParent();
    }

    public int httpPort() {
        if (http == null) {
            throw new IllegalStateException("HTTP server not started");
        }
        return http.port();
    }

    public ConfigService configService() {
        return configService;
    }

    public AccessService accessService() {
        return accessService;
    }

    boolean usesEmbeddedDatabase() {
        return database.isEmbedded();
    }

    /** Blocks until {@link #close()} has finished (the shutdown hook calls it). */
    void awaitClose() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops in the order that loses nothing: the HTTP server first (no new requests or uploads), then the worker
     * (no new files; a running pipeline run commits or rolls back as a whole), then the connection pool, and only
     * then the embedded PostgreSQL. Each step is logged, so the order can be checked.
     */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        try {
            if (http != null) {
                http.stop();
                log.info("Shutdown: HTTP server stopped, no new requests");
            }
            if (worker != null) {
                worker.close();
                log.info("Shutdown: worker stopped, no run in progress");
            }
        } finally {
            try {
                database.close();
            } finally {
                closed.countDown();
                log.info("Stopped");
            }
        }
    }
}
