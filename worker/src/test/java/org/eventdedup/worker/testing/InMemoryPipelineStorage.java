package org.eventdedup.worker.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eventdedup.matching.canonical.CanonicalEvent;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.port.AiUsage;
import org.eventdedup.matching.text.CodePoints;
import org.eventdedup.worker.input.ContentHash;
import org.eventdedup.worker.port.ClaimedFile;
import org.eventdedup.worker.port.DecisionOutcome;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.port.PipelineStore;
import org.eventdedup.worker.port.PipelineTransactions;
import org.eventdedup.worker.port.PreviousRun;
import org.eventdedup.worker.port.StoredListing;

/**
 * The worker's pipeline tables in memory: the fake of {@link PipelineTransactions} and {@link IngestionQueue} that
 * makes the run policy testable without PostgreSQL. It keeps the adapter's contract ({@code PipelineStoreContract}
 * runs against both): ids in code-point order, a transaction that throws leaves nothing behind, and
 * transactions run one at a time. Every row is an immutable record, so a transaction's snapshot is a copy of the maps.
 */
public final class InMemoryPipelineStorage implements PipelineTransactions, IngestionQueue {

    /** A queued (or processed) input file. */
    public record FileRow(long id, String filename, String hash, String sourceCode, String origin, String sourcePath,
                          String status, byte[] content, int eventCount, Map<String, Object> metadata,
                          String error, Long runId) {
        FileRow with(String newStatus, byte[] newContent, int newCount, Map<String, Object> newMetadata,
                     String newError, Long newRunId) {
            return new FileRow(id, filename, hash, sourceCode, origin, sourcePath, newStatus, newContent, newCount,
                    newMetadata, newError, newRunId);
        }
    }

    /** A pipeline run as recorded. */
    public record RunRow(long id, Instant startedAt, Instant finishedAt, String status, String mode,
                         Long configVersion, String configSource, String fingerprint, String clusteringFingerprint,
                         Map<String, Long> counts,
                         Map<String, Long> timings, List<String> warnings, String error) {
    }

    /** A stored listing with its config-dependent columns. */
    public record ListingRow(StoredListing stored, Long fileId, String keysConfig) {
    }

    /** A decision with the config version that made it. */
    public record DecisionRow(PairDecision decision, long configVersion) {
    }

    /** A canonical event with its version (up by one per change) and the config version that made it. */
    public record CanonicalRow(long id, CanonicalEvent event, long version, long configVersion) {
    }

    /** Token use recorded for a run. */
    public record AiUsageRow(long runId, String model, AiUsage usage) {
    }

    private static final Comparator<String> IDS = CodePoints::compare;

    private State state = new State();
    /** How deep the current thread is in transactions; a nested one commits on its own, like another connection. */
    private int depth;
    /** Work of nested transactions, applied again when the enclosing one rolls back (it had committed already). */
    private final List<Function<PipelineStore, ?>> autonomous = new ArrayList<>();

    private static final class State {
        final TreeMap<Long, FileRow> files;
        final TreeMap<Long, RunRow> runs;
        final List<AiUsageRow> aiUsage;
        final TreeMap<String, ListingRow> listings;
        final TreeMap<String, DecisionRow> decisions; // key "a\u0000b"
        final TreeMap<Long, CanonicalRow> canonicals;
        final TreeMap<String, Long> canonicalOfListing;
        final TreeMap<Long, Long> labelRevisions;
        long nextFileId;
        long nextRunId;
        long nextCanonicalId;
        int analyses;

        State() {
            files = new TreeMap<>();
            runs = new TreeMap<>();
            aiUsage = new ArrayList<>();
            listings = new TreeMap<>(IDS);
            decisions = new TreeMap<>(IDS);
            canonicals = new TreeMap<>();
            canonicalOfListing = new TreeMap<>(IDS);
            labelRevisions = new TreeMap<>();
            nextFileId = 1;
            nextRunId = 1;
            nextCanonicalId = 1;
        }

        State(State other) {
            files = new TreeMap<>(other.files);
            runs = new TreeMap<>(other.runs);
            aiUsage = new ArrayList<>(other.aiUsage);
            listings = new TreeMap<>(other.listings);
            decisions = new TreeMap<>(other.decisions);
            canonicals = new TreeMap<>(other.canonicals);
            canonicalOfListing = new TreeMap<>(other.canonicalOfListing);
            labelRevisions = new TreeMap<>(other.labelRevisions);
            nextFileId = other.nextFileId;
            nextRunId = other.nextRunId;
            nextCanonicalId = other.nextCanonicalId;
            analyses = other.analyses;
        }
    }

    @Override
    public synchronized <T> T inTransaction(Function<PipelineStore, T> work) {
        State before = new State(state);
        depth++;
        try {
            T result = work.apply(new Store());
            if (depth > 1) {
                autonomous.add(work);
            }
            return result;
        } catch (RuntimeException | Error e) {
            state = before;
            if (depth == 1) {
                // what nested transactions committed stays, as it would on PostgreSQL
                autonomous.forEach(committed -> committed.apply(new Store()));
            }
            throw e;
        } finally {
            if (--depth == 0) {
                autonomous.clear();
            }
        }
    }

    // ---- what tests look at

    /** How often a run asked for fresh planner statistics. */
    public synchronized int analyses() {
        return state.analyses;
    }

    public synchronized List<FileRow> files() {
        return List.copyOf(state.files.values());
    }

    public synchronized List<RunRow> runs() {
        return List.copyOf(state.runs.values());
    }

    public synchronized List<AiUsageRow> aiUsage() {
        return List.copyOf(state.aiUsage);
    }

    public synchronized Map<String, ListingRow> listings() {
        return new LinkedHashMap<>(state.listings);
    }

    public synchronized List<DecisionRow> decisions() {
        return List.copyOf(state.decisions.values());
    }

    public synchronized List<CanonicalRow> canonicals() {
        return List.copyOf(state.canonicals.values());
    }

    /** Canonical id → its listing ids in id order. */
    public synchronized Map<Long, List<String>> memberships() {
        Map<Long, List<String>> members = new TreeMap<>();
        state.canonicalOfListing.forEach((listing, canonical) ->
                members.computeIfAbsent(canonical, c -> new ArrayList<>()).add(listing));
        return members;
    }

    // ---- the ingestion queue

    @Override
    public synchronized Offer offer(String filename, String sourceCode, String origin, String sourcePath,
                                    byte[] content) {
        String hash = ContentHash.sha256(content);
        Optional<FileRow> existing = byHash(hash);
        if (existing.isEmpty()) {
            long id = state.nextFileId++;
            state.files.put(id, new FileRow(id, filename, hash, sourceCode, origin, sourcePath, "pending",
                    content.clone(), 0, Map.of(), null, null));
            return new Offer(Outcome.QUEUED, id);
        }
        FileRow row = existing.get();
        return switch (row.status()) {
            case "failed" -> {
                state.files.put(row.id(), new FileRow(row.id(), filename, hash, sourceCode, origin, sourcePath,
                        "pending", content.clone(), 0, Map.of(), null, null));
                yield new Offer(Outcome.QUEUED, row.id());
            }
            case "pending" -> new Offer(Outcome.ALREADY_QUEUED, row.id());
            default -> new Offer(Outcome.SKIPPED, row.id());
        };
    }

    @Override
    public synchronized long recordRejected(String filename, String sourceCode, String origin, String hash,
                                            long size, String errorJson) {
        Optional<FileRow> existing = byHash(hash);
        if (existing.isEmpty()) {
            long id = state.nextFileId++;
            state.files.put(id, new FileRow(id, filename, hash, sourceCode, origin, null, "failed", null, 0,
                    Map.of(), errorJson, null));
            return id;
        }
        FileRow row = existing.get();
        if (!"failed".equals(row.status())) {
            return -1;
        }
        state.files.put(row.id(), row.with("failed", null, row.eventCount(), row.metadata(), errorJson,
                row.runId()));
        return row.id();
    }

    private Optional<FileRow> byHash(String hash) {
        return state.files.values().stream().filter(f -> f.hash().equals(hash)).findFirst();
    }

    /** One transaction's view; every call goes to the current state of the storage. */
    private final class Store implements PipelineStore {

        @Override
        public void lockPipeline() {
            // transactions already run one at a time
        }

        // ---- file claims

        @Override
        public List<ClaimedFile> claimPending(int limit) {
            return state.files.values().stream().filter(f -> f.status().equals("pending")).limit(limit)
                    .map(f -> new ClaimedFile(f.id(), f.filename(), f.sourcePath()))
                    .toList();
        }

        @Override
        public byte[] content(long fileId) {
            FileRow file = state.files.get(fileId);
            if (file == null || file.content() == null) {
                throw new IllegalStateException("queued file " + fileId + " has no content");
            }
            return file.content().clone();
        }

        @Override
        public void markCompleted(long fileId, int eventCount, Map<String, Object> metadata, long runId) {
            FileRow row = file(fileId);
            state.files.put(fileId, row.with("completed", null, eventCount, Map.copyOf(metadata), null, runId));
        }

        @Override
        public void markFailed(long fileId, String error, long runId) {
            FileRow row = file(fileId);
            state.files.put(fileId, row.with("failed", null, 0, Map.of(), error, runId));
        }

        private FileRow file(long id) {
            return Objects.requireNonNull(state.files.get(id), () -> "no queued file " + id);
        }

        @Override
        public void analyze() {
            state.analyses++;
        }

        // ---- run log

        @Override
        public Optional<PreviousRun> previousRun() {
            return state.runs.descendingMap().values().stream().filter(r -> r.status().equals("completed"))
                    .findFirst().map(r -> new PreviousRun(r.id(), r.configVersion(), r.fingerprint(),
                            r.clusteringFingerprint(), state.labelRevisions.getOrDefault(r.id(), 0L)));
        }

        @Override
        public void recordLabelRevision(long runId, long revision) {
            state.labelRevisions.put(runId, revision);
        }

        @Override
        public long insertRun(Instant startedAt, String mode, long configVersion, String configSource,
                              String fingerprint, String clusteringFingerprint) {
            long id = state.nextRunId++;
            state.runs.put(id, new RunRow(id, startedAt, null, "running", mode, configVersion, configSource,
                    fingerprint, clusteringFingerprint, Map.of(), Map.of(), List.of(), null));
            return id;
        }

        @Override
        public void finishRun(long runId, Instant finishedAt, Map<String, Long> counts, Map<String, Long> timings,
                              List<String> warnings) {
            RunRow r = Objects.requireNonNull(state.runs.get(runId), () -> "no run " + runId);
            state.runs.put(runId, new RunRow(r.id(), r.startedAt(), finishedAt, "completed", r.mode(),
                    r.configVersion(), r.configSource(), r.fingerprint(), r.clusteringFingerprint(),
                    Map.copyOf(counts), Map.copyOf(timings),
                    List.copyOf(warnings), r.error()));
        }

        @Override
        public void failRun(long runId, Instant finishedAt, List<String> warnings, String error) {
            RunRow r = Objects.requireNonNull(state.runs.get(runId), () -> "no run " + runId);
            state.runs.put(runId, new RunRow(r.id(), r.startedAt(), finishedAt, "failed", r.mode(),
                    r.configVersion(), r.configSource(), r.fingerprint(), r.clusteringFingerprint(),
                    r.counts(), r.timings(),
                    List.copyOf(warnings), error));
        }

        @Override
        public int interruptRunningRuns(Instant at, String error) {
            int marked = 0;
            for (RunRow r : List.copyOf(state.runs.values())) {
                if (r.status().equals("running")) {
                    state.runs.put(r.id(), new RunRow(r.id(), r.startedAt(), at, "interrupted", r.mode(),
                            r.configVersion(), r.configSource(), r.fingerprint(), r.clusteringFingerprint(),
                    r.counts(), r.timings(),
                            r.warnings(), error));
                    marked++;
                }
            }
            return marked;
        }

        @Override
        public long insertFailedRun(Instant startedAt, Instant finishedAt, Long configVersion, String configSource,
                                    String fingerprint, List<String> warnings, String error) {
            long id = state.nextRunId++;
            state.runs.put(id, new RunRow(id, startedAt, finishedAt, "failed", null, configVersion, configSource,
                    fingerprint, null, Map.of(), Map.of(), List.copyOf(warnings), error));
            return id;
        }

        @Override
        public void insertAiUsage(long runId, String model, AiUsage usage) {
            state.aiUsage.add(new AiUsageRow(runId, model, usage));
        }

        // ---- listings

        @Override
        public long maxIngestionOrder() {
            return state.listings.values().stream().mapToLong(r -> r.stored().listing().ingestionOrder()).max()
                    .orElse(0);
        }

        @Override
        public Map<String, Long> ingestionOrders(Collection<String> ids) {
            Map<String, Long> orders = new LinkedHashMap<>();
            for (String id : ids) {
                ListingRow row = state.listings.get(id);
                if (row != null) {
                    orders.put(id, row.stored().listing().ingestionOrder());
                }
            }
            return orders;
        }

        @Override
        public Set<String> upsertListings(List<StoredListing> listings, Map<String, Long> fileIdById,
                                          String keysConfig) {
            Set<String> changed = new HashSet<>();
            for (StoredListing s : listings) {
                ListingRow old = state.listings.get(s.id());
                if (old == null || !old.stored().listing().equals(s.listing())
                        || !Objects.equals(old.keysConfig(), keysConfig)) {
                    state.listings.put(s.id(), new ListingRow(s, fileIdById.get(s.id()), keysConfig));
                    changed.add(s.id());
                }
            }
            return changed;
        }

        @Override
        public void insertListings(List<StoredListing> listings, Map<String, Long> fileIdById, String keysConfig) {
            for (StoredListing s : listings) {
                if (state.listings.containsKey(s.id())) {
                    throw new IllegalStateException("listing " + s.id() + " already stored"); // the primary key
                }
            }
            upsertListings(listings, fileIdById, keysConfig);
        }

        @Override
        public void updateKeys(List<StoredListing> listings, String keysConfig) {
            for (StoredListing s : listings) {
                ListingRow old = state.listings.get(s.id());
                if (old != null) {
                    state.listings.put(s.id(), new ListingRow(new StoredListing(old.stored().listing(),
                            s.cityNormalized(), s.blockingKeys(), s.blockDays(), s.firstDate(), s.lastDate()),
                            old.fileId(), keysConfig));
                }
            }
        }

        @Override
        public List<Listing> listingsKeyedOtherThan(String keysConfig, String afterId, int limit) {
            Map<String, ListingRow> from = afterId == null ? state.listings : state.listings.tailMap(afterId, false);
            return from.values().stream().filter(r -> !Objects.equals(r.keysConfig(), keysConfig)).limit(limit)
                    .map(r -> r.stored().listing()).toList();
        }

        @Override
        public List<Listing> listingsSharingKeys(Collection<String> keys, Collection<String> excluded) {
            Set<String> wanted = new HashSet<>(keys);
            Set<String> skip = new HashSet<>(excluded);
            return state.listings.values().stream()
                    .filter(r -> !skip.contains(r.stored().id()))
                    .filter(r -> r.stored().blockingKeys().stream().anyMatch(wanted::contains))
                    .map(r -> r.stored().listing()).toList();
        }

        @Override
        public List<LocalDate> blockDays() {
            TreeSet<LocalDate> days = new TreeSet<>();
            state.listings.values().forEach(r -> days.addAll(r.stored().blockDays()));
            return List.copyOf(days);
        }

        @Override
        public List<Listing> listingsBlockedOn(LocalDate day, Set<String> known) {
            return state.listings.values().stream().filter(r -> r.stored().blockDays().contains(day))
                    .filter(r -> !known.contains(r.stored().id()))
                    .map(r -> r.stored().listing()).toList();
        }

        @Override
        public List<Listing> loadListings(Collection<String> ids) {
            return ids.stream().distinct().map(state.listings::get).filter(Objects::nonNull)
                    .map(r -> r.stored().listing()).toList();
        }

        @Override
        public void forEachListingId(Consumer<String> action) {
            List.copyOf(state.listings.keySet()).forEach(action);
        }

        // ---- decisions

        @Override
        public void forEachOutcome(OutcomeVisitor visitor) {
            // the key "a\u0000b" in code point order is pair order
            for (DecisionRow r : List.copyOf(state.decisions.values())) {
                visitor.visit(r.decision().a(), r.decision().b(), DecisionOutcome.of(r.decision()));
            }
        }

        @Override
        public void deleteDecisions(Collection<String[]> pairs) {
            for (String[] pair : pairs) {
                state.decisions.remove(pair[0] + '\u0000' + pair[1]);
            }
        }

        @Override
        public void deleteDecisionsTouching(Collection<String> ids) {
            Set<String> touched = new HashSet<>(ids);
            state.decisions.values().removeIf(r -> touched.contains(r.decision().a())
                    || touched.contains(r.decision().b()));
        }

        @Override
        public void insertDecisions(List<PairDecision> decisions, long configVersion) {
            for (PairDecision d : decisions) {
                if (state.decisions.putIfAbsent(d.a() + '\u0000' + d.b(), new DecisionRow(d, configVersion)) != null) {
                    throw new IllegalStateException("decision (" + d.a() + ", " + d.b() + ") already stored"); // the key
                }
            }
        }

        @Override
        public void upsertDecisions(List<PairDecision> decisions, long configVersion) {
            for (PairDecision d : decisions) {
                state.decisions.put(d.a() + '\u0000' + d.b(), new DecisionRow(d, configVersion));
            }
        }

        @Override
        public List<String[]> matchEdgesTouching(Collection<String> ids) {
            Set<String> touched = new HashSet<>(ids);
            List<String[]> edges = new ArrayList<>();
            for (boolean aSide : new boolean[] {true, false}) {
                for (DecisionRow r : state.decisions.values()) {
                    PairDecision d = r.decision();
                    if (d.decision() == Decision.MATCH && touched.contains(aSide ? d.a() : d.b())) {
                        edges.add(new String[] {d.a(), d.b()});
                    }
                }
            }
            return edges;
        }

        @Override
        public void forEachMatchEdge(Consumer<String[]> action) {
            for (DecisionRow r : List.copyOf(state.decisions.values())) {
                if (r.decision().decision() == Decision.MATCH) {
                    action.accept(new String[] {r.decision().a(), r.decision().b()});
                }
            }
        }

        @Override
        public List<PairDecision> decisionsWithin(Collection<String> ids) {
            Set<String> members = new HashSet<>(ids);
            return state.decisions.values().stream().map(DecisionRow::decision)
                    .filter(d -> members.contains(d.a()) && members.contains(d.b())).toList();
        }

        // ---- canonical events

        @Override
        public Map<Long, List<String>> canonicalsHolding(Collection<String> ids) {
            Set<Long> holding = new TreeSet<>();
            for (String id : ids) {
                Long canonical = state.canonicalOfListing.get(id);
                if (canonical != null) {
                    holding.add(canonical);
                }
            }
            Map<Long, List<String>> members = new LinkedHashMap<>();
            for (Long canonical : holding) {
                members.put(canonical, new ArrayList<>());
            }
            state.canonicalOfListing.forEach((listing, canonical) -> {
                List<String> list = members.get(canonical);
                if (list != null) {
                    list.add(listing);
                }
            });
            return members;
        }

        @Override
        public void forEachLink(BiConsumer<Long, String> action) {
            new TreeMap<>(state.canonicalOfListing).forEach((listing, canonical) -> action.accept(canonical, listing));
        }

        @Override
        public List<Long> insertCanonicals(List<CanonicalEvent> events, long configVersion) {
            List<Long> ids = new ArrayList<>();
            for (CanonicalEvent event : events) {
                long id = state.nextCanonicalId++;
                state.canonicals.put(id, new CanonicalRow(id, event, 1, configVersion));
                ids.add(id);
            }
            return ids;
        }

        @Override
        public Set<Long> updateCanonicals(Map<Long, CanonicalEvent> events, long configVersion) {
            Set<Long> changed = new LinkedHashSet<>();
            events.forEach((id, event) -> {
                CanonicalRow old = state.canonicals.get(id);
                if (old != null && !old.event().equals(event)) {
                    state.canonicals.put(id, new CanonicalRow(id, event, old.version() + 1, configVersion));
                    changed.add(id);
                }
            });
            return changed;
        }

        @Override
        public void deleteCanonicals(Collection<Long> ids) {
            for (Long id : ids) {
                state.canonicals.remove(id);
                state.canonicalOfListing.values().removeIf(id::equals);
            }
        }

        @Override
        public void replaceLinks(Collection<String> listingIds, Map<Long, List<String>> membersByCanonical) {
            listingIds.forEach(state.canonicalOfListing::remove);
            membersByCanonical.forEach((canonical, members) -> {
                if (!state.canonicals.containsKey(canonical)) {
                    throw new IllegalStateException("no canonical event " + canonical); // a foreign key
                }
                for (String id : members) {
                    if (state.canonicalOfListing.putIfAbsent(id, canonical) != null) {
                        throw new IllegalStateException(id + " is linked twice"); // a unique key
                    }
                }
            });
        }
    }
}
