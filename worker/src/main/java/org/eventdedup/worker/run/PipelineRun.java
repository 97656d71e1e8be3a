package org.eventdedup.worker.run;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.port.in.ConfigProvider;
import org.eventdedup.config.domain.port.in.EffectiveConfig;
import org.eventdedup.config.domain.port.out.StoreUnavailableException;
import org.eventdedup.matching.ai.AiTier;
import org.eventdedup.matching.ai.AiTierResult;
import org.eventdedup.matching.blocking.BlockingKeys;
import org.eventdedup.matching.canonical.CanonicalEvent;
import org.eventdedup.matching.canonical.CanonicalSynthesizer;
import org.eventdedup.matching.cluster.Cluster;
import org.eventdedup.matching.cluster.ClusterResult;
import org.eventdedup.matching.cluster.Clusterer;
import org.eventdedup.matching.cluster.LabelConstraints;
import org.eventdedup.matching.cluster.LabelContradiction;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.port.AiUsage;
import org.eventdedup.matching.port.AmbiguousPairResolver;
import org.eventdedup.matching.scoring.ListingPreparer;
import org.eventdedup.matching.scoring.PairScorer;
import org.eventdedup.matching.scoring.PreparedListing;
import org.eventdedup.matching.text.CodePoints;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.worker.input.InputFileException;
import org.eventdedup.worker.input.InputProblems;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.input.ParsedFile;
import org.eventdedup.worker.port.ClaimedFile;
import org.eventdedup.worker.port.DeadLetters;
import org.eventdedup.worker.port.LabelStore;
import org.eventdedup.worker.port.PipelineStore;
import org.eventdedup.worker.port.PipelineTransactions;
import org.eventdedup.worker.port.PreviousRun;
import org.eventdedup.worker.port.StoredListing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipeline run: load the config, take the queued files, store their listings, match incrementally (or
 * everything again when the config changed), re-cluster and re-synthesise what was affected, keep canonical ids
 * stable, and record the run.
 *
 * <p><b>Config.</b> Loaded through {@link ConfigProvider} at the start of every run, never cached; a load failure is
 * recorded as a failed run and the caller keeps going (Part A 14). When the config (version or content) differs from
 * the previous completed run's, the run re-matches every stored listing, streaming over the days listings are
 * blocked on, so memory holds the listings of the days in progress (each read and prepared once) and 16 bytes per
 * stored decision. It writes only what changed: keys of listings keyed under other blocking settings, decisions
 * whose outcome differs ({@link StoredDecisions}), deletions of pairs no longer compared, and canonical events and
 * links of the components those changes touch (all components when the clustering settings changed).
 *
 * <p><b>Incremental.</b> New or changed listings are compared with the stored listings sharing a blocking key
 * (GIN-indexed {@code blocking_keys && keys}); only the connected components that contain them (through match edges
 * and their former canonical events) are re-clustered and re-synthesised. A run takes files until it holds
 * {@value #DEFAULT_MAX_LISTINGS_PER_RUN} listings (by default); the rest wait for the next run.
 *
 * <p><b>Transactions.</b> All writes of a run commit in one transaction ({@link PipelineTransactions}). Queued files are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and matching is serialised across processes with a transaction-level advisory lock,
 * so several workers on one database never interleave. A failure anywhere rolls everything back: the previous state
 * stays, the files stay queued, and the failure is recorded as a failed run on its own.
 *
 * <p><b>Labels.</b> Operators' labels ({@link LabelStore}) bind every clustering of every run: {@code same} pairs
 * end in one canonical event, {@code different} pairs in two ({@link LabelConstraints}). A run re-clusters the
 * components of the pairs labelled (or unlabelled) since the label revision the previous completed run applied, and
 * records the revision it applied; label changes alone are reason enough for a run. A chain of {@code same} labels
 * across a {@code different} one is reported as a {@code label_contradiction} warning.
 *
 * <p>Counts recorded: {@code files_claimed}, {@code files_completed}, {@code files_failed}, {@code ingested}
 * (listings in completed files), {@code listings_matched}, {@code listings_rekeyed}, {@code pairs}, {@code match},
 * {@code ambiguous}, {@code no_match}, {@code ai_candidates}, {@code ai_answered}, {@code ai_resolved},
 * {@code decisions_written}, {@code decisions_deleted}, {@code canonicals} (events re-synthesised),
 * {@code canonicals_created}, {@code canonicals_updated}, {@code canonicals_deleted}, {@code flagged}.
 */
public final class PipelineRun {

    private static final Logger log = LoggerFactory.getLogger(PipelineRun.class);

    /** At most this many files per run by default; the rest wait for the next. */
    public static final int DEFAULT_MAX_FILES_PER_RUN = 200;
    /**
     * A run stops taking files once it holds this many listings (a file is never split); the rest stay queued for the
     * next run. Bounds a run's memory whatever the files hold: a first batch of 50,000 listings in one run needed
     * more than 512 MiB.
     */
    public static final int DEFAULT_MAX_LISTINGS_PER_RUN = 10_000;
    /** Listings re-clustered together in a full re-match (whole components; one large component may exceed it). */
    static final int RECLUSTER_CHUNK = 10_000;
    static final int PAGE = 1_000;
    /**
     * A run that adds at least this many listings and at least twice as many as were stored before (the store at
     * least tripled) refreshes the planner's statistics, as does a full re-match that changed at least a tenth of the
     * decisions: a store loaded in bulk where autovacuum is off is then never planned as empty, while the second run
     * of a bulk load (whose statistics of the first run still describe the data) and a run that adds a few thousand
     * listings to a large store do not pay a second for it.
     */
    static final int ANALYZE_AFTER_LISTINGS = 5_000;
    /** Changed decisions of a full re-match are written in chunks of this many. */
    static final int WRITE_CHUNK = 20_000;

    private final PipelineTransactions transactions;
    private final ConfigProvider configProvider;
    private final Lexicon lexicon;
    private final AmbiguousPairResolver resolver;
    private final DeadLetters deadLetters;
    /** Null when this pipeline runs without labels (tools and tests that never label). */
    private final LabelStore labels;
    private final RunCheckpoint checkpoint;
    private final Clock clock;
    private final int maxFilesPerRun;
    private final int maxListingsPerRun;
    private final InputFileParser parser = new InputFileParser();
    /** What the previous run read ahead of the files it left for this one (see {@link NextFiles}). */
    private volatile NextFiles nextFiles = NextFiles.NONE;

    /**
     * @param resolverOrNull the AI tier's resolver, null when this worker has none (ambiguous pairs stay so)
     * @param checkpoint     called at each step inside the transaction ({@link RunCheckpoint#NONE} in production)
     */
    public PipelineRun(PipelineTransactions transactions, ConfigProvider configProvider, Lexicon lexicon,
                       AmbiguousPairResolver resolverOrNull, DeadLetters deadLetters,
                       RunCheckpoint checkpoint, Clock clock) {
        this(transactions, configProvider, lexicon, resolverOrNull, deadLetters, checkpoint, clock,
                DEFAULT_MAX_FILES_PER_RUN);
    }

    /** @param maxFilesPerRun queued files one run takes at most (smaller runs commit sooner and hold locks less) */
    public PipelineRun(PipelineTransactions transactions, ConfigProvider configProvider, Lexicon lexicon,
                       AmbiguousPairResolver resolverOrNull, DeadLetters deadLetters,
                       RunCheckpoint checkpoint, Clock clock, int maxFilesPerRun) {
        this(transactions, configProvider, lexicon, resolverOrNull, deadLetters, checkpoint, clock, maxFilesPerRun,
                DEFAULT_MAX_LISTINGS_PER_RUN);
    }

    /** @param maxListingsPerRun after a file that brings a run to this many listings, the run takes no more files */
    public PipelineRun(PipelineTransactions transactions, ConfigProvider configProvider, Lexicon lexicon,
                       AmbiguousPairResolver resolverOrNull, DeadLetters deadLetters,
                       RunCheckpoint checkpoint, Clock clock, int maxFilesPerRun, int maxListingsPerRun) {
        this(transactions, configProvider, lexicon, resolverOrNull, deadLetters, null, checkpoint, clock,
                maxFilesPerRun, maxListingsPerRun);
    }

    /** @param labels the operators' labels, which bind every run's clustering */
    public PipelineRun(PipelineTransactions transactions, ConfigProvider configProvider, Lexicon lexicon,
                       AmbiguousPairResolver resolverOrNull, DeadLetters deadLetters, LabelStore labels,
                       RunCheckpoint checkpoint, Clock clock) {
        this(transactions, configProvider, lexicon, resolverOrNull, deadLetters,
                Objects.requireNonNull(labels, "labels"), checkpoint, clock, DEFAULT_MAX_FILES_PER_RUN,
                DEFAULT_MAX_LISTINGS_PER_RUN);
    }

    /** @param labelsOrNull the operators' labels; null for a pipeline that never sees any */
    public PipelineRun(PipelineTransactions transactions, ConfigProvider configProvider, Lexicon lexicon,
                       AmbiguousPairResolver resolverOrNull, DeadLetters deadLetters, LabelStore labelsOrNull,
                       RunCheckpoint checkpoint, Clock clock, int maxFilesPerRun, int maxListingsPerRun) {
        this.labels = labelsOrNull;
        if (maxFilesPerRun < 1) {
            throw new IllegalArgumentException("maxFilesPerRun must be positive, was " + maxFilesPerRun);
        }
        if (maxListingsPerRun < 1) {
            throw new IllegalArgumentException("maxListingsPerRun must be positive, was " + maxListingsPerRun);
        }
        this.maxFilesPerRun = maxFilesPerRun;
        this.maxListingsPerRun = maxListingsPerRun;
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.configProvider = Objects.requireNonNull(configProvider, "configProvider");
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        this.resolver = resolverOrNull;
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs once if there is work: queued files, a config other than the previous run's, or labels changed since
     * the previous run.
     *
     * @return the run, or empty when there was nothing to do (nothing is recorded then)
     * @throws StoreUnavailableException when the database cannot be reached (or is lost during the run): nothing
     *                                   of the run was committed, its files stay queued, and no failed run is
     *                                   recorded; retry later
     */
    public Optional<RunSummary> runOnce() {
        Instant started = clock.instant();
        EffectiveConfig effective;
        try {
            effective = Objects.requireNonNull(configProvider.load(), "the config provider returned nothing");
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Pipeline run: the config could not be loaded: {}", describe(e));
            return Optional.of(recordFailure(started, null, null, List.of(),
                    "the config could not be loaded: " + describe(e)));
        }
        String fingerprint = ConfigFingerprint.of(effective.config());
        long[] runId = {-1};
        try {
            return transactions.inTransaction(store -> new Run(store, effective, fingerprint, started, runId)
                    .execute());
        } catch (StoreUnavailableException e) {
            // an outage is no failed run: nothing can be recorded anyway, and the caller pauses and retries; a run
            // row already shown as running is marked interrupted by the next run
            throw e;
        } catch (RuntimeException e) {
            log.error("Pipeline run failed, nothing of it was kept; its files stay queued", e);
            return Optional.of(recordFailure(started, effective.version(), fingerprint, effective.warnings(),
                    describe(e), runId[0]));
        }
    }

    private RunSummary recordFailure(Instant started, Long version, String fingerprint, List<String> warnings,
                                     String error) {
        return recordFailure(started, version, fingerprint, warnings, error, -1);
    }

    /** @param runId the run's row when it was already shown as running, else -1 (a row is written now) */
    private RunSummary recordFailure(Instant started, Long version, String fingerprint, List<String> warnings,
                                     String error, long runId) {
        long id = runId;
        try {
            if (runId < 0) {
                id = transactions.inTransaction(store -> store.insertFailedRun(started, clock.instant(), version,
                        null, fingerprint, warnings, error));
            } else {
                transactions.inTransaction(store -> {
                    store.failRun(runId, clock.instant(), warnings, error);
                    return null;
                });
            }
        } catch (RuntimeException e) {
            log.error("The failed run could not be recorded either: {}", describe(e));
        }
        return new RunSummary(id, false, null, version, Map.of(), Map.of(), warnings, error);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message;
    }

    /** The state of one run inside its transaction. */
    private final class Run {
        private final PipelineStore store;
        private final EffectiveConfig effective;
        private final MatchingConfig config;
        private final String fingerprint;
        /** Of the config parts listing preparation and blocking keys read: stored with each listing's keys. */
        private final String keysFingerprint;
        private final String clusteringFingerprint;
        private final Instant started;
        private final ListingPreparer preparer;
        private final BlockingKeys blockingKeys;
        private final PairScorer scorer;
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private final Map<String, Long> timings = new LinkedHashMap<>();
        private final Set<String> warnings = new LinkedHashSet<>();
        private final List<AiUsage> usages = new ArrayList<>();
        private final long[] runIdOut;
        /** The AI resolver for this run only (its circuit breaker spans the run's many calls). */
        private final AmbiguousPairResolver runResolver;
        private final WriteBehind writes = new WriteBehind();
        /**
         * Whether this run writes listings and decisions in the background and meanwhile reads stored rows through
         * {@link PipelineTransactions#committedReads()}: only for an incremental run of new listings, where the rows
         * committed before the run are exactly the ones it needs to read (a re-delivered listing's old decisions
         * would still be visible there).
         */
        private PipelineTransactions.CommittedReads overlapReads;
        private long runId;
        /** The largest ingestion order before this run: about the number of listings stored before it. */
        private long listingsBefore;
        /** The labels as constraints, read once per run. */
        private LabelConstraints constraints = LabelConstraints.NONE;
        /** Each listing's {@code same} partners: the must-links closures and chunks follow. */
        private Map<String, List<String>> sameNeighbours = Map.of();
        /** The previous run's reading ahead of this run's files; released once the listings are prepared. */
        private NextFiles readAhead = NextFiles.NONE;
        /** Claimed files this run left for the next one, and the order the next one likely starts from. */
        private List<ClaimedFile> leftForNext = List.of();
        private long nextRunFirstOrder;

        Run(PipelineStore store, EffectiveConfig effective, String fingerprint, Instant started, long[] runIdOut) {
            this.runIdOut = runIdOut;
            this.runResolver = resolver == null ? null : resolver.forOneRun();
            this.store = store;
            this.effective = effective;
            this.config = effective.config();
            this.fingerprint = fingerprint;
            this.keysFingerprint = ConfigFingerprint.keys(config);
            this.clusteringFingerprint = ConfigFingerprint.clustering(config);
            this.started = started;
            this.preparer = new ListingPreparer(lexicon, config);
            this.blockingKeys = new BlockingKeys(config.blocking());
            this.scorer = new PairScorer(config);
            warnings.addAll(effective.warnings());
        }

        Optional<RunSummary> execute() {
            try {
                return executeAndAwaitWrites();
            } finally {
                writes.awaitQuietly();
            }
        }

        private Optional<RunSummary> executeAndAwaitWrites() {
            long t0 = System.nanoTime();
            readAhead = nextFiles;
            nextFiles = NextFiles.NONE;
            store.lockPipeline();
            Optional<PreviousRun> previous = store.previousRun();
            boolean full = previous.isPresent()
                    && !(fingerprint.equals(previous.get().configFingerprint())
                    && Long.valueOf(effective.version()).equals(previous.get().configVersion()));
            long appliedRevision = previous.map(PreviousRun::labelRevision).orElse(0L);
            LabelStore.Changes labelChanges = labels == null ? new LabelStore.Changes(appliedRevision, Set.of())
                    : labels.changesSince(appliedRevision);
            List<ClaimedFile> files = store.claimPending(maxFilesPerRun);
            if (files.isEmpty() && !full && labelChanges.pairs().isEmpty()) {
                return Optional.empty();
            }
            // read after the changes: a label put in between is applied now and again by the next run
            loadLabels();
            String mode = full ? "full" : "incremental";
            overlapReads = full ? null : transactions.committedReads().orElse(null);
            // In a transaction of its own, committed at once, so the run is visible as running from now on. This run
            // holds the pipeline, so any other run still shown as running was left by a process that died.
            runId = transactions.inTransaction(own -> {
                int stale = own.interruptRunningRuns(clock.instant(),
                        "not finished: its process stopped or lost the database; its files were queued again");
                if (stale > 0) {
                    // INFO: the outage or stop behind it was reported when it happened; nothing is lost
                    log.info("{} earlier run(s) found unfinished and marked interrupted; their files run again now",
                            stale);
                }
                long id = own.insertRun(started, mode, effective.version(),
                        effective.source().name().toLowerCase(Locale.ROOT), fingerprint, clusteringFingerprint);
                own.recordLabelRevision(id, labelChanges.revision());
                return id;
            });
            runIdOut[0] = runId;
            for (String name : List.of("files_claimed", "files_completed", "files_failed", "ingested",
                    "listings_matched", "pairs", "match", "ambiguous", "no_match", "ai_candidates", "ai_answered",
                    "ai_resolved", "decisions_written", "decisions_deleted", "canonicals", "canonicals_created",
                    "canonicals_updated", "canonicals_deleted", "flagged")) {
                counts.put(name, 0L);
            }
            lap("lock_and_claim_ms", t0);

            long t = System.nanoTime();
            Map<String, Long> fileOfListing = new HashMap<>();
            Map<String, Listing> incoming = ingest(files, fileOfListing);
            lap("parse_ms", t);
            checkpoint.reached(RunCheckpoint.Step.INGESTED);
            Map<String, StoredListing> described = new LinkedHashMap<>();
            Map<String, PreparedListing> prepared = new HashMap<>();
            Set<String> redelivered = new HashSet<>();
            Set<String> changed = storeListings(incoming, fileOfListing, described, prepared, redelivered);
            readAhead = NextFiles.NONE;
            lap("ingest_ms", t);
            checkpoint.reached(RunCheckpoint.Step.STORED);

            t = System.nanoTime();
            Set<String> labelled = storedListings(labelChanges.pairs());
            if (!labelChanges.pairs().isEmpty()) {
                count("label_changes", labelChanges.pairs().size());
            }
            if (full) {
                fullRematch(changed, labelled, clusteringFingerprint.equals(previous.get().clusteringFingerprint()));
            } else if (!changed.isEmpty()) {
                incremental(changed, labelled, redelivered, described, prepared);
            } else if (!labelled.isEmpty()) {
                recluster(closure(labelled));
            }
            writes.await();
            if (overlapReads != null) {
                timings.put("write_wait_ms", writes.waitedMillis());
            }
            lap("matching_ms", t);
            long added = changed.size() - redelivered.stream().filter(changed::contains).count();
            boolean grewInBulk = added >= ANALYZE_AFTER_LISTINGS && added >= 2 * listingsBefore;
            boolean reshaped = full && (count("decisions_written", 0) + count("decisions_deleted", 0)) * 10
                    >= Math.max(1, count("pairs", 0));
            if (grewInBulk || reshaped) {
                t = System.nanoTime();
                store.analyze();
                lap("analyze_ms", t);
            }
            checkpoint.reached(RunCheckpoint.Step.MATCHED);

            if (runResolver != null) {
                warnings.addAll(runResolver.runWarnings());
            }
            AiUsage usage = sum(usages);
            if (usage.requests() > 0) {
                store.insertAiUsage(runId, config.ai().model(), usage);
            }
            lap("total_ms", t0);
            store.finishRun(runId, clock.instant(), counts, timings, List.copyOf(warnings));
            checkpoint.reached(RunCheckpoint.Step.BEFORE_COMMIT);
            log.info("Pipeline run {} ({}, config version {}): {}", runId, mode, effective.version(), counts);
            return Optional.of(new RunSummary(runId, true, mode, effective.version(), counts, timings,
                    List.copyOf(warnings), null));
        }

        // ---- labels

        private void loadLabels() {
            if (labels == null) {
                return;
            }
            List<IdPair> same = new ArrayList<>();
            List<IdPair> different = new ArrayList<>();
            for (LabelStore.PairLabel label : labels.all()) {
                (label.verdict() == LabelStore.Verdict.SAME ? same : different).add(label.pair());
            }
            constraints = LabelConstraints.of(same, different);
            Map<String, List<String>> neighbours = new HashMap<>();
            for (IdPair pair : same) {
                neighbours.computeIfAbsent(pair.a(), k -> new ArrayList<>()).add(pair.b());
                neighbours.computeIfAbsent(pair.b(), k -> new ArrayList<>()).add(pair.a());
            }
            sameNeighbours = neighbours;
        }

        /** The listings of the label changes that are still stored (a removed listing takes its labels along). */
        private Set<String> storedListings(Set<IdPair> pairs) {
            if (pairs.isEmpty()) {
                return Set.of();
            }
            Set<String> ids = new HashSet<>();
            for (IdPair pair : pairs) {
                ids.add(pair.a());
                ids.add(pair.b());
            }
            // on the committed rows while this run writes in the background: a labelled listing was stored before
            return new HashSet<>(read(s -> s.ingestionOrders(ids)).keySet());
        }

        private void reportContradictions(List<LabelContradiction> contradictions) {
            for (LabelContradiction c : contradictions) {
                warnings.add("label_contradiction: " + String.join(", ", c.ids()) + " — " + c.detail());
            }
        }

        // ---- ingestion

        /** Parses every claimed file; bad ones go to dead letters, good ones give their listings (later wins). */
        private Map<String, Listing> ingest(List<ClaimedFile> files, Map<String, Long> fileOfListing) {
            listingsBefore = store.maxIngestionOrder();
            long nextOrder = listingsBefore + 1;
            Map<String, Listing> incoming = new LinkedHashMap<>();
            for (int f = 0; f < files.size(); f++) {
                ClaimedFile file = files.get(f);
                if (incoming.size() >= maxListingsPerRun) {
                    // the files not taken stay queued (the claim ends with the transaction)
                    leftForNext = files.subList(f, files.size());
                    break;
                }
                count("files_claimed", 1);
                ParsedFile parsed;
                NextFiles.File ahead = readAhead.take(file, nextOrder);
                byte[] content = ahead == null ? null : ahead.content();
                try {
                    if (ahead == null) {
                        content = store.content(file.id());
                        parsed = parser.parse(file.filename(), content, nextOrder);
                    } else {
                        count("files_read_ahead", 1);
                        if (ahead.failure() != null) {
                            throw ahead.failure();
                        }
                        parsed = ahead.parsed();
                    }
                } catch (InputFileException e) {
                    String error = InputProblems.errorJson(file.filename(), e.problems());
                    store.markFailed(file.id(), error, runId);
                    deadLetters.reject(file.filename(), file.sourcePath(), content, error);
                    count("files_failed", 1);
                    warnings.add(file.filename() + " rejected to dead letters: " + e.problems().size()
                            + (e.problems().size() == 1 ? " problem" : " problems"));
                    continue;
                }
                nextOrder += parsed.listings().size();
                for (Listing listing : parsed.listings()) {
                    incoming.remove(listing.id()); // a later file re-delivers it: its position moves too
                    incoming.put(listing.id(), listing);
                    fileOfListing.put(listing.id(), file.id());
                }
                List<String> undated = parsed.idsWithoutDates();
                if (!undated.isEmpty()) {
                    warnings.add(file.filename() + ": " + undated.size()
                            + " event(s) without dates stored as singletons (cannot be blocked): "
                            + String.join(", ", undated.subList(0, Math.min(5, undated.size())))
                            + (undated.size() > 5 ? ", …" : ""));
                }
                store.markCompleted(file.id(), parsed.listings().size(), parsed.metadata(), runId);
                count("files_completed", 1);
                count("ingested", parsed.listings().size());
            }
            nextRunFirstOrder = nextOrder;
            return incoming;
        }

        /** Writes the listings; a re-delivered id keeps its first ingestion order (Part A 12). */
        private Set<String> storeListings(Map<String, Listing> incoming, Map<String, Long> fileOfListing,
                                          Map<String, StoredListing> described,
                                          Map<String, PreparedListing> prepared, Set<String> redelivered) {
            if (incoming.isEmpty()) {
                return Set.of();
            }
            long t = System.nanoTime();
            Map<String, Long> stored = store.ingestionOrders(incoming.keySet());
            redelivered.addAll(stored.keySet());
            // preparation is pure and the largest cost here: on all cores, collected in the incoming order
            List<PreparedListing> all = incoming.values().parallelStream().map(listing -> {
                Long order = stored.get(listing.id());
                PreparedListing ahead = order == null ? readAhead.prepared(listing, fingerprint) : null;
                return ahead != null ? ahead : preparer.prepare(order == null ? listing : withOrder(listing, order));
            }).toList();
            List<StoredListing> rows = all.parallelStream().map(this::describe).toList();
            for (int i = 0; i < all.size(); i++) {
                prepared.put(all.get(i).id(), all.get(i));
                described.put(all.get(i).id(), rows.get(i));
            }
            lap("prepare_ms", t);
            List<StoredListing> fresh = new ArrayList<>();
            List<StoredListing> again = new ArrayList<>();
            for (StoredListing row : described.values()) {
                (stored.containsKey(row.id()) ? again : fresh).add(row);
            }
            if (!again.isEmpty()) {
                overlapReads = null;
            }
            if (overlapReads != null) {
                writes.submit(() -> store.insertListings(fresh, fileOfListing, keysFingerprint));
            } else {
                store.insertListings(fresh, fileOfListing, keysFingerprint);
            }
            Set<String> changed = new HashSet<>(again.isEmpty() ? Set.of()
                    : store.upsertListings(again, fileOfListing, keysFingerprint));
            fresh.forEach(row -> changed.add(row.id()));
            return changed;
        }

        // ---- matching

        /**
         * @param labelled    listings of pairs labelled since the previous run: their components are re-clustered too
         * @param redelivered the incoming listings that were stored before (only they can have decisions)
         */
        private void incremental(Set<String> changed, Set<String> labelled, Set<String> redelivered,
                                 Map<String, StoredListing> described, Map<String, PreparedListing> prepared) {
            long t = System.nanoTime();
            Set<String> keys = new HashSet<>();
            for (String id : changed) {
                keys.addAll(described.get(id).blockingKeys());
            }
            List<PreparedListing> all = new ArrayList<>();
            for (String id : changed) {
                all.add(prepared.get(id));
            }
            // the run's own listings may not be stored yet (write-behind): they are excluded from the answer anyway
            all.addAll(read(s -> s.listingsSharingKeys(keys, changed)).parallelStream().map(preparer::prepare)
                    .toList());
            all.sort((x, y) -> CodePoints.compare(x.id(), y.id()));
            List<List<String>> keysByListing = new ArrayList<>(all.size());
            boolean[] isChanged = new boolean[all.size()];
            for (int i = 0; i < all.size(); i++) {
                PreparedListing p = all.get(i);
                isChanged[i] = changed.contains(p.id());
                keysByListing.add(isChanged[i] ? described.get(p.id()).blockingKeys() : blockingKeys.keysFor(p));
            }
            lap("incremental_neighbours_ms", t);
            t = System.nanoTime();
            long[] pairs = PairFinder.pairs(keysByListing, (a, b) -> isChanged[a] || isChanged[b]);
            List<PairDecision> decisions = decide(all, pairs);
            lap("incremental_scoring_ms", t);
            t = System.nanoTime();
            // every pair decided here touches a changed listing, so once those decisions are gone none is stored
            Set<String> changedBefore = new HashSet<>(changed);
            changedBefore.retainAll(redelivered);
            if (!changedBefore.isEmpty()) {
                store.deleteDecisionsTouching(changedBefore);
            }
            if (overlapReads != null) {
                writes.submit(() -> store.insertDecisions(decisions, effective.version()));
            } else {
                store.insertDecisions(decisions, effective.version());
            }
            count("decisions_written", decisions.size());
            count("listings_matched", changed.size());
            lap("incremental_decisions_ms", t);
            t = System.nanoTime();
            Set<String> seed = changed;
            if (!labelled.isEmpty()) {
                seed = new HashSet<>(changed);
                seed.addAll(labelled);
            }
            Set<String> closure = closure(seed, decisions);
            lap("incremental_closure_ms", t);
            t = System.nanoTime();
            Map<String, Listing> fresh = new HashMap<>(changed.size() * 2);
            for (String id : changed) {
                fresh.put(id, described.get(id).listing());
            }
            recluster(closure, fresh, decisions);
            lap("incremental_recluster_ms", t);
        }

        /**
         * Everything again under a new config, writing only what changed: keys of listings keyed under other blocking
         * settings, then decisions day by day (diffed against the stored ones), then the components the changes
         * touch — or every component when the clustering settings changed too.
         *
         * @param changedListings  listings this run stored as new or changed (their components are re-clustered)
         * @param labelled         listings of pairs labelled since the previous run (their components too)
         * @param sameClustering   whether the previous run clustered and synthesised with the same settings
         */
        private void fullRematch(Set<String> changedListings, Set<String> labelled, boolean sameClustering) {
            long t = System.nanoTime();
            String after = null;
            long rekeyed = 0;
            for (List<Listing> page = store.listingsKeyedOtherThan(keysFingerprint, null, PAGE); !page.isEmpty();
                 page = store.listingsKeyedOtherThan(keysFingerprint, after, PAGE)) {
                List<StoredListing> rows = new ArrayList<>(page.size());
                for (Listing listing : page) {
                    rows.add(describe(preparer.prepare(listing)));
                }
                store.updateKeys(rows, keysFingerprint);
                after = page.get(page.size() - 1).id();
                rekeyed += page.size();
            }
            count("listings_rekeyed", rekeyed);
            lap("rematch_keys_ms", t);

            t = System.nanoTime();
            StoredDecisions stored = StoredDecisions.load(store, store);
            count("listings_matched", stored.listingCount());
            lap("rematch_read_decisions_ms", t);

            t = System.nanoTime();
            Set<String> touched = new HashSet<>(changedListings);
            touched.addAll(labelled);
            List<PairDecision> changedDecisions = new ArrayList<>();
            // listings blocked on several days are read and prepared once, kept until their last block day
            Map<String, Blocked> active = new HashMap<>();
            for (LocalDate day : store.blockDays()) {
                String dayText = day.toString();
                List<Blocked> fresh = store.listingsBlockedOn(day, active.keySet()).parallelStream()
                        .map(listing -> blocked(preparer.prepare(listing))).toList();
                fresh.forEach(b -> active.put(b.prepared().id(), b));
                List<Blocked> today = new ArrayList<>();
                for (Blocked b : active.values()) {
                    if (b.days().contains(dayText)) {
                        today.add(b);
                    }
                }
                today.sort((x, y) -> CodePoints.compare(x.prepared().id(), y.prepared().id()));
                List<PreparedListing> block = new ArrayList<>(today.size());
                List<List<String>> allKeys = new ArrayList<>(today.size());
                List<List<String>> dayKeys = new ArrayList<>(today.size());
                for (Blocked b : today) {
                    block.add(b.prepared());
                    allKeys.add(b.keys());
                    dayKeys.add(b.keys().stream().filter(k -> PairFinder.dayOf(k).equals(dayText)).toList());
                }
                active.values().removeIf(b -> b.lastDay().compareTo(dayText) <= 0);
                // a pair sharing keys on several days is decided on the first of them only
                long[] pairs = PairFinder.pairs(dayKeys,
                        (a, b) -> dayText.equals(PairFinder.earliestSharedDay(allKeys.get(a), allKeys.get(b))));
                for (PairDecision d : decide(block, pairs)) {
                    if (stored.differs(d)) {
                        changedDecisions.add(d);
                        touched.add(d.a());
                        touched.add(d.b());
                    }
                }
                if (changedDecisions.size() >= WRITE_CHUNK) {
                    writeDecisions(changedDecisions);
                }
            }
            writeDecisions(changedDecisions);
            List<String[]> gone = stored.unseen();
            for (String[] pair : gone) {
                touched.add(pair[0]);
                touched.add(pair[1]);
            }
            store.deleteDecisions(gone);
            count("decisions_deleted", gone.size());
            lap("rematch_decisions_ms", t);

            t = System.nanoTime();
            for (Set<String> chunk : componentChunks(sameClustering ? touched : null)) {
                recluster(chunk);
            }
            lap("rematch_recluster_ms", t);
        }

        /** A listing of a full re-match's day loop with its keys and block days (ISO dates sort as text). */
        private record Blocked(PreparedListing prepared, List<String> keys, Set<String> days, String lastDay) {
        }

        private Blocked blocked(PreparedListing p) {
            List<String> keys = blockingKeys.keysFor(p);
            Set<String> days = new HashSet<>();
            String last = "";
            for (String key : keys) {
                String day = PairFinder.dayOf(key);
                days.add(day);
                if (day.compareTo(last) > 0) {
                    last = day;
                }
            }
            return new Blocked(p, keys, days, last);
        }

        private void writeDecisions(List<PairDecision> decisions) {
            if (!decisions.isEmpty()) {
                store.upsertDecisions(decisions, effective.version());
                count("decisions_written", decisions.size());
                decisions.clear();
            }
        }

        /** Scores the pairs (on all cores), then lets the AI tier look at the ambiguous ones. */
        private List<PairDecision> decide(List<PreparedListing> listings, long[] pairs) {
            PairDecision[] decided = new PairDecision[pairs.length];
            IntStream.range(0, pairs.length).parallel().forEach(k -> decided[k] = scorer.score(
                    listings.get((int) (pairs[k] >>> 32)), listings.get((int) pairs[k])));
            List<PairDecision> decisions = List.of(decided);
            decisions = ai(decisions, listings);
            count("pairs", decisions.size());
            for (PairDecision d : decisions) {
                count(d.decision().jsonName(), 1);
            }
            return decisions;
        }

        private List<PairDecision> ai(List<PairDecision> decisions, List<PreparedListing> listings) {
            AiConfig ai = config.ai();
            if (!ai.enabled() || effective.apiKey().isEmpty() || decisions.isEmpty()) {
                return decisions;
            }
            if (resolver == null) {
                warnings.add("ai.enabled is true but this worker has no AI resolver: ambiguous pairs stay ambiguous");
                return decisions;
            }
            Map<String, Listing> byId = new HashMap<>(listings.size() * 2);
            for (PreparedListing p : listings) {
                byId.put(p.id(), p.listing());
            }
            AiTierResult result = new AiTier(runResolver).apply(decisions, byId, ai, effective.apiKey().get());
            warnings.addAll(result.warnings());
            count("ai_candidates", result.candidateCount());
            count("ai_answered", result.verdictCount());
            count("ai_resolved", result.changedCount());
            usages.add(result.usage());
            return result.decisions();
        }

        // ---- clustering and canonical events

        /**
         * The seed plus everything connected to it by match edges, {@code same} labels or a shared former canonical
         * event.
         */
        private Set<String> closure(Collection<String> seed) {
            return closure(seed, List.of());
        }

        /**
         * @param fresh this run's decisions, which may not be stored yet (write-behind): their match edges are
         *              followed from memory
         */
        private Set<String> closure(Collection<String> seed, List<PairDecision> fresh) {
            Map<String, List<String>> freshEdges = new HashMap<>();
            for (PairDecision d : fresh) {
                if (d.decision() == Decision.MATCH) {
                    freshEdges.computeIfAbsent(d.a(), k -> new ArrayList<>()).add(d.b());
                    freshEdges.computeIfAbsent(d.b(), k -> new ArrayList<>()).add(d.a());
                }
            }
            Set<String> all = new HashSet<>(seed);
            Collection<String> frontier = seed;
            while (!frontier.isEmpty()) {
                Set<String> next = new HashSet<>();
                Collection<String> from = frontier;
                for (String[] edge : read(s -> s.matchEdgesTouching(from))) {
                    for (String id : edge) {
                        if (all.add(id)) {
                            next.add(id);
                        }
                    }
                }
                for (String id : frontier) {
                    for (String other : freshEdges.getOrDefault(id, List.of())) {
                        if (all.add(other)) {
                            next.add(other);
                        }
                    }
                }
                for (List<String> members : read(s -> s.canonicalsHolding(from)).values()) {
                    for (String id : members) {
                        if (all.add(id)) {
                            next.add(id);
                        }
                    }
                }
                for (String id : frontier) {
                    for (String partner : sameNeighbours.getOrDefault(id, List.of())) {
                        if (all.add(partner)) {
                            next.add(partner);
                        }
                    }
                }
                frontier = next;
            }
            return all;
        }

        /**
         * Every listing, grouped so that each group holds whole components, whole former canonical events and both
         * listings of each {@code same} label,
         * groups packed into chunks of about {@value #RECLUSTER_CHUNK} listings.
         *
         * @param touchedOrNull when given, only the groups holding one of these listings
         */
        private List<Set<String>> componentChunks(Set<String> touchedOrNull) {
            List<String> ids = new ArrayList<>();
            store.forEachListingId(ids::add);
            Map<String, Integer> index = new HashMap<>(ids.size() * 2);
            for (int i = 0; i < ids.size(); i++) {
                index.put(ids.get(i), i);
            }
            int[] parent = IntStream.range(0, ids.size()).toArray();
            store.forEachMatchEdge(edge -> union(parent, index.get(edge[0]), index.get(edge[1])));
            Map<Long, Integer> firstOfCanonical = new HashMap<>();
            store.forEachLink((canonical, id) -> {
                Integer first = firstOfCanonical.putIfAbsent(canonical, index.get(id));
                if (first != null) {
                    union(parent, first, index.get(id));
                }
            });
            sameNeighbours.forEach((id, partners) -> {
                Integer at = index.get(id);
                for (String partner : partners) {
                    Integer other = index.get(partner);
                    if (at != null && other != null) {
                        union(parent, at, other);
                    }
                }
            });
            Map<Integer, List<String>> groups = new LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                groups.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(ids.get(i));
            }
            List<Set<String>> chunks = new ArrayList<>();
            Set<String> chunk = new HashSet<>();
            for (List<String> group : groups.values()) {
                if (touchedOrNull != null && group.stream().noneMatch(touchedOrNull::contains)) {
                    continue;
                }
                if (!chunk.isEmpty() && chunk.size() + group.size() > RECLUSTER_CHUNK) {
                    chunks.add(chunk);
                    chunk = new HashSet<>();
                }
                chunk.addAll(group);
            }
            if (!chunk.isEmpty()) {
                chunks.add(chunk);
            }
            return chunks;
        }

        /** Re-clusters a set of listings closed under components and former events; keeps ids stable. */
        private void recluster(Set<String> ids) {
            recluster(ids, Map.of(), List.of());
        }

        /**
         * @param fresh          listings this run stored, in memory: not read back
         * @param freshDecisions every decision touching one of {@code fresh} (this run's own): only the decisions
         *                       between two other listings are read back
         */
        private void recluster(Set<String> ids, Map<String, Listing> fresh, List<PairDecision> freshDecisions) {
            List<Listing> listings = new ArrayList<>(ids.size());
            List<String> others = new ArrayList<>();
            for (String id : ids) {
                Listing listing = fresh.get(id);
                if (listing != null) {
                    listings.add(listing);
                } else {
                    others.add(id);
                }
            }
            long t = System.nanoTime();
            listings.addAll(read(s -> s.loadListings(others)));
            List<PairDecision> decisions = new ArrayList<>(read(s -> s.decisionsWithin(others)));
            for (PairDecision d : freshDecisions) {
                if (ids.contains(d.a()) && ids.contains(d.b())) {
                    decisions.add(d);
                }
            }
            t = add("recluster_read_ms", t);
            ClusterResult clustering = new Clusterer().cluster(listings, decisions, config.cluster(), constraints);
            reportContradictions(clustering.contradictions());
            List<Cluster> clusters = clustering.all();
            List<CanonicalEvent> events = new CanonicalSynthesizer(config.canonical())
                    .synthesizeAll(clustering, listings);
            List<List<String>> members = new ArrayList<>(clusters.size());
            for (Cluster cluster : clusters) {
                members.add(cluster.memberIds());
            }
            // clusters come valid first, then flagged; the assignment wants them by smallest member id
            List<Integer> order = new ArrayList<>(IntStream.range(0, clusters.size()).boxed().toList());
            order.sort((x, y) -> CodePoints.compare(members.get(x).get(0), members.get(y).get(0)));
            List<List<String>> sortedMembers = order.stream().map(members::get).toList();
            CanonicalIds.Assignment assignment = CanonicalIds.assign(read(s -> s.canonicalsHolding(ids)),
                    sortedMembers);
            // the run's cores are free while PostgreSQL still stores its rows: serialise and hash the events, and
            // read the next run's files
            readNextFilesAhead();
            store.prepareCanonicals(events);
            t = add("recluster_compute_ms", t);
            writes.await(); // the transaction's connection is the run's again
            t = add("recluster_write_wait_ms", t);

            long[] idOfSlot = assignment.keptIds().clone();
            List<CanonicalEvent> created = new ArrayList<>();
            Map<Long, CanonicalEvent> kept = new LinkedHashMap<>();
            for (int s = 0; s < order.size(); s++) {
                CanonicalEvent event = events.get(order.get(s));
                if (idOfSlot[s] < 0) {
                    created.add(event);
                } else {
                    kept.put(idOfSlot[s], event);
                }
                if (event.needsReview()) {
                    count("flagged", 1);
                }
            }
            List<Long> createdIds = store.insertCanonicals(created, effective.version());
            for (int s = 0, f = 0; s < idOfSlot.length; s++) {
                if (idOfSlot[s] < 0) {
                    idOfSlot[s] = createdIds.get(f++);
                }
            }
            count("canonicals_created", created.size());
            count("canonicals_updated", store.updateCanonicals(kept, effective.version()).size());
            Map<Long, List<String>> links = new LinkedHashMap<>();
            for (int s = 0; s < order.size(); s++) {
                links.put(idOfSlot[s], events.get(order.get(s)).sourceIds());
            }
            store.replaceLinks(ids, links);
            store.deleteCanonicals(assignment.removed());
            add("recluster_write_ms", t);
            count("canonicals", events.size());
            count("canonicals_deleted", assignment.removed().size());
        }

        /** Starts reading the files left for the next run, once, where this store offers committed reads. */
        private void readNextFilesAhead() {
            if (leftForNext.isEmpty()) {
                return;
            }
            transactions.committedReads().ifPresent(reads -> nextFiles = NextFiles.start(leftForNext,
                    maxListingsPerRun, nextRunFirstOrder, reads, preparer::prepare, fingerprint));
            leftForNext = List.of();
        }

        // ---- helpers

        /** Reads stored rows: on a connection of their own while writes go on in the background, else in turn. */
        private <T> T read(java.util.function.Function<PipelineStore, T> query) {
            return overlapReads == null ? query.apply(store) : overlapReads.read(query);
        }

        private StoredListing describe(PreparedListing p) {
            List<String> keys = blockingKeys.keysFor(p);
            TreeSet<LocalDate> days = new TreeSet<>();
            for (String key : keys) {
                days.add(LocalDate.parse(PairFinder.dayOf(key)));
            }
            List<LocalDate> dates = p.dates();
            LocalDate first = dates.stream().min(LocalDate::compareTo).orElse(null);
            LocalDate last = dates.stream().max(LocalDate::compareTo).orElse(null);
            return new StoredListing(p.listing(), p.normalizedCity(), keys, List.copyOf(days), first, last);
        }

        /** Adds to a count; @return its new value */
        private long count(String name, long amount) {
            return counts.merge(name, amount, Long::sum);
        }

        /** Adds the time since {@code startNanos} to a timing that several calls share; returns the time now. */
        private long add(String name, long startNanos) {
            long now = System.nanoTime();
            timings.merge(name, (now - startNanos) / 1_000_000, Long::sum);
            return now;
        }

        private void lap(String name, long startNanos) {
            timings.put(name, (System.nanoTime() - startNanos) / 1_000_000);
        }
    }

    static Listing withOrder(Listing l, long order) {
        return new Listing(l.id(), l.sourceCode(), l.sourceType(), l.title(), l.shortDescription(), l.description(),
                l.highlights(), l.location(), l.dates(), l.categories(), l.isFamilyEvent(), l.isChildFocused(),
                l.admissionFree(), l.registrationRequired(), l.registrationContact(), l.confidenceScore(), order);
    }

    private static AiUsage sum(List<AiUsage> usages) {
        int requests = 0;
        int cached = 0;
        int calls = 0;
        int failed = 0;
        long prompt = 0;
        long output = 0;
        long thought = 0;
        double cost = 0;
        for (AiUsage u : usages) {
            requests += u.requests();
            cached += u.cachedRequests();
            calls += u.apiCalls();
            failed += u.failedRequests();
            prompt += u.promptTokens();
            output += u.outputTokens();
            thought += u.thoughtTokens();
            cost += u.costUsd();
        }
        return new AiUsage(requests, cached, calls, failed, prompt, output, thought,
                java.math.BigDecimal.valueOf(cost).setScale(6, java.math.RoundingMode.HALF_UP).doubleValue());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
