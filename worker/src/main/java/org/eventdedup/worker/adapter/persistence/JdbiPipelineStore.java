package org.eventdedup.worker.adapter.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eventdedup.matching.canonical.CanonicalEvent;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Signals;
import org.eventdedup.matching.model.Tier;
import org.eventdedup.matching.port.AiUsage;
import org.eventdedup.worker.input.ContentHash;
import org.eventdedup.worker.port.ClaimedFile;
import org.eventdedup.worker.port.DecisionOutcome;
import org.eventdedup.worker.port.PipelineStore;
import org.eventdedup.worker.port.PreviousRun;
import org.eventdedup.worker.port.StoredListing;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The pipeline tables as one run sees them: every method works on the run's {@link Handle}, so everything a run
 * writes commits or rolls back together. Not thread-safe (one per transaction); made by
 * {@link JdbiPipelineTransactions}.
 */
final class JdbiPipelineStore implements PipelineStore {

    /** Key of the transaction-level advisory lock that serialises matching, clustering and synthesis. */
    static final long PIPELINE_LOCK = 0x45_44_44_50_49_50_45L; // "EDDPIPE"

    private static final int BATCH = 500;
    private static final int COPY_CHUNK = 10_000;
    /** Up to this many keys a neighbour search goes through the GIN index. */
    private static final int INDEXED_KEYS = 2_000;
    /** Listings per {@code COPY} statement (a few KiB each). */
    private static final int LISTING_CHUNK = 2_000;

    private final Handle handle;
    /** Column values of canonical events rendered ahead by {@link #prepareCanonicals}, taken by the writes. */
    private final Map<CanonicalEvent, Map<String, Object>> rendered = new IdentityHashMap<>();

    JdbiPipelineStore(Handle handle) {
        this.handle = Objects.requireNonNull(handle, "handle");
    }

    // ---- the queue and the lock

    /** Waits until no other run holds the pipeline; released when this transaction ends. */
    @Override
    public void lockPipeline() {
        handle.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", PIPELINE_LOCK).mapTo(String.class)
                .one();
    }

    /** Samples this transaction's own rows too, so the next run plans with them. */
    @Override
    public void analyze() {
        // the columns queries filter and join on; the listing and event documents would cost most of the time
        handle.execute("""
                ANALYZE source_events (id, file_ingestion_id, ingestion_order, first_date, last_date, city_normalized,
                                       blocking_keys, block_days, keys_config),
                        match_decisions, canonical_events (id, first_date, last_date, location_city, source_count),
                        canonical_event_sources""");
    }

    /** Takes up to {@code limit} queued files, oldest first, skipping those another run holds. */
    @Override
    public List<ClaimedFile> claimPending(int limit) {
        return handle.createQuery("""
                        SELECT id, filename, source_path FROM file_ingestions
                         WHERE status = 'pending' ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("limit", limit)
                .map((rs, ctx) -> new ClaimedFile(rs.getLong("id"), rs.getString("filename"),
                        rs.getString("source_path")))
                .list();
    }

    @Override
    public byte[] content(long fileId) {
        return handle.createQuery("SELECT content FROM file_ingestions WHERE id = :id AND content IS NOT NULL")
                .bind("id", fileId).mapTo(byte[].class).findOne()
                .orElseThrow(() -> new IllegalStateException("queued file " + fileId + " has no content"));
    }

    @Override
    public void markCompleted(long fileId, int eventCount, Map<String, Object> metadata, long runId) {
        handle.createUpdate("""
                        UPDATE file_ingestions SET status = 'completed', content = NULL, event_count = :count,
                               file_metadata = CAST(:metadata AS jsonb), error = NULL, run_id = :run,
                               ingested_at = now()
                         WHERE id = :id""")
                .bind("id", fileId).bind("count", eventCount)
                .bind("metadata", metadata.isEmpty() ? null : ListingJson.json(metadata))
                .bind("run", runId).execute();
    }

    /** @param error the JSON of the error document (the same as the dead letter's {@code .error.json}) */
    @Override
    public void markFailed(long fileId, String error, long runId) {
        handle.createUpdate("""
                        UPDATE file_ingestions SET status = 'failed', content = NULL, event_count = 0,
                               error = CAST(:error AS jsonb), run_id = :run, ingested_at = now()
                         WHERE id = :id""")
                .bind("id", fileId).bind("error", error).bind("run", runId).execute();
    }

    // ---- runs

    @Override
    public Optional<PreviousRun> previousRun() {
        return handle.createQuery("""
                        SELECT id, config_version, config_fingerprint, clustering_fingerprint, label_revision
                          FROM pipeline_runs WHERE status = 'completed' ORDER BY id DESC LIMIT 1""")
                .map((rs, ctx) -> new PreviousRun(rs.getLong("id"), (Long) rs.getObject("config_version"),
                        rs.getString("config_fingerprint"), rs.getString("clustering_fingerprint"),
                        rs.getLong("label_revision")))
                .findOne();
    }

    @Override
    public long insertRun(Instant startedAt, String mode, long configVersion, String configSource,
                          String fingerprint, String clusteringFingerprint) {
        return handle.createUpdate("""
                        INSERT INTO pipeline_runs (started_at, status, mode, config_version, config_source,
                                                   config_fingerprint, clustering_fingerprint)
                        VALUES (:started, 'running', :mode, :version, :source, :fingerprint, :clustering)""")
                .bind("started", utc(startedAt)).bind("mode", mode).bind("version", configVersion)
                .bind("source", configSource).bind("fingerprint", fingerprint)
                .bind("clustering", clusteringFingerprint)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    @Override
    public void recordLabelRevision(long runId, long revision) {
        handle.createUpdate("UPDATE pipeline_runs SET label_revision = :revision WHERE id = :id")
                .bind("id", runId).bind("revision", revision).execute();
    }

    @Override
    public void finishRun(long runId, Instant finishedAt, Map<String, Long> counts, Map<String, Long> timings,
                          List<String> warnings) {
        handle.createUpdate("""
                        UPDATE pipeline_runs SET status = 'completed', finished_at = :finished,
                               counts = CAST(:counts AS jsonb),
                               timings = CAST(:timings AS jsonb), warnings = CAST(:warnings AS jsonb)
                         WHERE id = :id""")
                .bind("id", runId).bind("finished", utc(finishedAt)).bind("counts", ListingJson.json(counts))
                .bind("timings", ListingJson.json(timings)).bind("warnings", ListingJson.json(warnings)).execute();
    }

    @Override
    public void failRun(long runId, Instant finishedAt, List<String> warnings, String error) {
        handle.createUpdate("""
                        UPDATE pipeline_runs SET status = 'failed', finished_at = :finished,
                               warnings = CAST(:warnings AS jsonb), error = :error
                         WHERE id = :id""")
                .bind("id", runId).bind("finished", utc(finishedAt)).bind("warnings", ListingJson.json(warnings))
                .bind("error", error).execute();
    }

    @Override
    public int interruptRunningRuns(Instant at, String error) {
        return handle.createUpdate("""
                        UPDATE pipeline_runs SET status = 'interrupted', finished_at = :at, error = :error
                         WHERE status = 'running'""")
                .bind("at", utc(at)).bind("error", error).execute();
    }

    /** A run that did not complete: written on its own, after the run's transaction rolled back. */
    @Override
    public long insertFailedRun(Instant startedAt, Instant finishedAt, Long configVersion, String configSource,
                                String fingerprint, List<String> warnings, String error) {
        return handle.createUpdate("""
                        INSERT INTO pipeline_runs (started_at, finished_at, status, config_version, config_source,
                                                   config_fingerprint, warnings, error)
                        VALUES (:started, :finished, 'failed', :version, :source, :fingerprint,
                                CAST(:warnings AS jsonb), :error)""")
                .bind("started", utc(startedAt)).bind("finished", utc(finishedAt)).bind("version", configVersion)
                .bind("source", configSource).bind("fingerprint", fingerprint)
                .bind("warnings", ListingJson.json(warnings)).bind("error", error)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    @Override
    public void insertAiUsage(long runId, String model, AiUsage usage) {
        handle.createUpdate("""
                        INSERT INTO ai_usage_log (run_id, model, requests, cached_requests, api_calls,
                               failed_requests, prompt_tokens, output_tokens, thought_tokens, total_tokens,
                               estimated_cost_usd)
                        VALUES (:run, :model, :requests, :cached, :calls, :failed, :prompt, :output, :thought,
                                :total, :cost)""")
                .bind("run", runId).bind("model", model).bind("requests", usage.requests())
                .bind("cached", usage.cachedRequests()).bind("calls", usage.apiCalls())
                .bind("failed", usage.failedRequests()).bind("prompt", usage.promptTokens())
                .bind("output", usage.outputTokens()).bind("thought", usage.thoughtTokens())
                .bind("total", usage.totalTokens()).bind("cost", usage.costUsd()).execute();
    }

    // ---- listings

    @Override
    public long maxIngestionOrder() {
        return handle.createQuery("SELECT coalesce(max(ingestion_order), 0) FROM source_events").mapTo(Long.class)
                .one();
    }

    /** Ingestion order of the ids already stored. */
    @Override
    public Map<String, Long> ingestionOrders(Collection<String> ids) {
        Map<String, Long> orders = new HashMap<>();
        handle.createQuery("SELECT id, ingestion_order FROM source_events WHERE id = ANY(CAST(:ids AS text[]))")
                .bind("ids", array(ids))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> orders.put(e.getKey(), e.getValue()));
        return orders;
    }

    /**
     * Inserts new listings and updates re-delivered ones (Part A 12): {@code COPY} into a temporary table, then one
     * {@code INSERT … ON CONFLICT} that leaves unchanged rows alone and returns the ids it wrote.
     *
     * @return the ids that are new, or whose listing or keys' config changed: the ones to match again
     */
    @Override
    public Set<String> upsertListings(List<StoredListing> listings, Map<String, Long> fileIdById,
                                      String keysConfig) {
        if (listings.isEmpty()) {
            return Set.of();
        }
        handle.execute("""
                CREATE TEMP TABLE IF NOT EXISTS listing_upserts (
                    id text COLLATE "C", file_ingestion_id bigint, source_code text COLLATE "C",
                    source_type text COLLATE "C", listing jsonb, ingestion_order bigint, first_date date,
                    last_date date, city_normalized text COLLATE "C", blocking_keys text[] COLLATE "C",
                    block_days date[], keys_config text COLLATE "C"
                ) ON COMMIT DELETE ROWS""");
        handle.execute("TRUNCATE listing_upserts");
        copyListings("listing_upserts", listings, fileIdById, keysConfig);
        Set<String> changed = new HashSet<>(handle.createQuery("""
                        INSERT INTO source_events AS e (id, file_ingestion_id, source_code, source_type, listing,
                               ingestion_order, first_date, last_date, city_normalized, blocking_keys, block_days,
                               keys_config)
                        SELECT id, file_ingestion_id, source_code, source_type, listing, ingestion_order, first_date,
                               last_date, city_normalized, blocking_keys, block_days, keys_config
                          FROM listing_upserts
                        ON CONFLICT (id) DO UPDATE SET file_ingestion_id = EXCLUDED.file_ingestion_id,
                               source_code = EXCLUDED.source_code, source_type = EXCLUDED.source_type,
                               listing = EXCLUDED.listing, first_date = EXCLUDED.first_date,
                               last_date = EXCLUDED.last_date, city_normalized = EXCLUDED.city_normalized,
                               blocking_keys = EXCLUDED.blocking_keys, block_days = EXCLUDED.block_days,
                               keys_config = EXCLUDED.keys_config, updated_at = now()
                         WHERE e.listing IS DISTINCT FROM EXCLUDED.listing
                            OR e.keys_config IS DISTINCT FROM EXCLUDED.keys_config
                        RETURNING id""").mapTo(String.class).list());
        handle.execute("TRUNCATE listing_upserts");
        return changed;
    }

    /** Straight into the table with {@code COPY}: nothing to reconcile, the ids are new. */
    @Override
    public void insertListings(List<StoredListing> listings, Map<String, Long> fileIdById, String keysConfig) {
        copyListings("source_events (id, file_ingestion_id, source_code, source_type, listing, ingestion_order,"
                + " first_date, last_date, city_normalized, blocking_keys, block_days, keys_config)", listings,
                fileIdById, keysConfig);
    }

    private void copyListings(String target, List<StoredListing> listings, Map<String, Long> fileIdById,
                              String keysConfig) {
        CopyRows copy = new CopyRows(handle);
        for (int from = 0; from < listings.size(); from += LISTING_CHUNK) {
            // the JSON of each listing is written on all cores
            List<String> lines = listings.subList(from, Math.min(listings.size(), from + LISTING_CHUNK))
                    .parallelStream()
                    .map(s -> {
                        Listing l = s.listing();
                        StringBuilder row = new StringBuilder(4096);
                        CopyRows.row(row, l.id(), fileIdById.get(l.id()), l.sourceCode(), l.sourceType(),
                                ListingJson.write(l), l.ingestionOrder(), s.firstDate(), s.lastDate(),
                                s.cityNormalized(), CopyRows.array(s.blockingKeys()),
                                CopyRows.array(s.blockDays().stream().map(LocalDate::toString).toList()), keysConfig);
                        return row.toString();
                    }).toList();
            copy.in("COPY " + target + " FROM STDIN", String.join("", lines));
        }
    }

    /** Recomputed config-dependent columns (a full re-match under a new config). */
    @Override
    public void updateKeys(List<StoredListing> listings, String keysConfig) {
        PreparedBatch batch = handle.prepareBatch("""
                UPDATE source_events SET first_date = :first, last_date = :last, city_normalized = :city,
                       blocking_keys = CAST(:keys AS text[]), block_days = CAST(:days AS date[]),
                       keys_config = :keysConfig
                 WHERE id = :id""");
        for (StoredListing s : listings) {
            batch.bind("id", s.id()).bind("first", s.firstDate()).bind("last", s.lastDate())
                    .bind("city", s.cityNormalized()).bind("keys", array(s.blockingKeys()))
                    .bind("days", days(s.blockDays())).bind("keysConfig", keysConfig).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    @Override
    public List<Listing> listingsKeyedOtherThan(String keysConfig, String afterId, int limit) {
        return handle.createQuery("""
                        SELECT listing::text FROM source_events
                         WHERE keys_config IS DISTINCT FROM :keysConfig AND (:after IS NULL OR id > :after)
                         ORDER BY id LIMIT :limit""")
                .bind("keysConfig", keysConfig).bind("after", afterId).bind("limit", limit)
                .map((rs, ctx) -> ListingJson.read(rs.getString(1))).list();
    }

    /**
     * Stored listings sharing at least one blocking key with {@code keys}, except {@code excluded}: ids first, the
     * excluded ones dropped here, then the listings read once. {@code blocking_keys && :keys} rechecks the whole
     * array against every candidate row: fine through the GIN index for a few thousand keys, but planned for a large
     * array it became a sequential scan doing just that (100,000 stored listings, 590 keys: 13.8 s; the index 5 ms),
     * so the index is required for it. Many keys (a bulk batch) take one pass over the stored keys, each looked up in a
     * hash of the wanted ones (0.1 s at 100,000 listings), planned for the actual array: a generic plan of the
     * prepared statement cannot hash {@code = ANY(array)} and compares every pair instead (16 s).
     */
    @Override
    public List<Listing> listingsSharingKeys(Collection<String> keys, Collection<String> excluded) {
        if (keys.isEmpty()) {
            return List.of();
        }
        boolean few = keys.size() <= INDEXED_KEYS;
        handle.execute(few ? "SET LOCAL enable_seqscan = off" : "SET LOCAL plan_cache_mode = force_custom_plan");
        Set<String> skip = new HashSet<>(excluded);
        Set<String> ids = new LinkedHashSet<>();
        handle.createQuery(few
                        ? "SELECT id FROM source_events WHERE blocking_keys && CAST(:keys AS text[])"
                        : """
                          SELECT DISTINCT s.id FROM source_events s CROSS JOIN LATERAL unnest(s.blocking_keys) AS k(key)
                           WHERE k.key = ANY(CAST(:keys AS text[]))""")
                .bind("keys", array(keys)).mapTo(String.class).forEach(id -> {
                    if (!skip.contains(id)) {
                        ids.add(id);
                    }
                });
        handle.execute(few ? "RESET enable_seqscan" : "RESET plan_cache_mode");
        return ids.isEmpty() ? List.of() : loadListings(ids);
    }

    @Override
    public List<LocalDate> blockDays() {
        return handle.createQuery("SELECT DISTINCT unnest(block_days) AS day FROM source_events ORDER BY day")
                .mapTo(LocalDate.class).list();
    }

    /** The listings blocked on {@code day} (GIN index on {@code block_days}). */
    @Override
    public List<Listing> listingsBlockedOn(LocalDate day, Set<String> known) {
        List<String> json = handle.createQuery("""
                        SELECT listing::text FROM source_events
                         WHERE block_days @> ARRAY[CAST(:day AS date)]
                           AND id NOT IN (SELECT unnest(CAST(:known AS text[])))""")
                .bind("day", day.toString()).bind("known", array(known))
                .mapTo(String.class).list();
        return parse(json);
    }

    @Override
    public List<Listing> loadListings(Collection<String> ids) {
        return parse(handle.createQuery("SELECT listing::text FROM source_events WHERE id = ANY(CAST(:ids AS text[]))")
                .bind("ids", array(ids)).mapTo(String.class).list());
    }

    /** Listings' JSON read on all cores: parsing is most of the cost of reading thousands of listings. */
    private static List<Listing> parse(List<String> json) {
        return json.parallelStream().map(ListingJson::read).toList();
    }

    /** Every listing id, in id order. */
    @Override
    public void forEachListingId(Consumer<String> action) {
        handle.createQuery("SELECT id FROM source_events ORDER BY id").setFetchSize(10_000).mapTo(String.class)
                .forEach(action);
    }

    // ---- decisions

    /**
     * Every pair in pair order, streamed, with its stored outcome; the driver parses a column only when it is asked
     * for, so the score columns cost nothing but for rows written before outcomes were stored.
     */
    @Override
    public void forEachOutcome(OutcomeVisitor visitor) {
        handle.createQuery("SELECT " + DECISION_COLUMNS + ", d.outcome FROM match_decisions d ORDER BY d.a, d.b")
                .setFetchSize(10_000)
                .scanResultSet((supplier, ctx) -> {
                    ResultSet rs = supplier.get();
                    while (rs.next()) {
                        long outcome = rs.getLong(10);
                        if (rs.wasNull()) {
                            outcome = DecisionOutcome.of(decision(rs));
                        }
                        visitor.visit(rs.getString(1), rs.getString(2), outcome);
                    }
                    return null;
                });
    }

    @Override
    public void deleteDecisions(Collection<String[]> pairs) {
        List<String[]> list = List.copyOf(pairs);
        for (int from = 0; from < list.size(); from += COPY_CHUNK) {
            List<String[]> chunk = list.subList(from, Math.min(list.size(), from + COPY_CHUNK));
            String[] a = new String[chunk.size()];
            String[] b = new String[chunk.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = chunk.get(i)[0];
                b[i] = chunk.get(i)[1];
            }
            handle.createUpdate("""
                            DELETE FROM match_decisions d
                             USING unnest(CAST(:a AS text[]), CAST(:b AS text[])) AS x(a, b)
                             WHERE d.a = x.a AND d.b = x.b""")
                    .bind("a", a).bind("b", b).execute();
        }
    }

    @Override
    public void deleteDecisionsTouching(Collection<String> ids) {
        String[] array = array(ids);
        handle.createUpdate("DELETE FROM match_decisions WHERE a = ANY(CAST(:ids AS text[]))")
                .bind("ids", array).execute();
        handle.createUpdate("DELETE FROM match_decisions WHERE b = ANY(CAST(:ids AS text[]))")
                .bind("ids", array).execute();
    }

    /** Straight into the table with {@code COPY}: nothing to reconcile, the pairs are new. */
    @Override
    public void insertDecisions(List<PairDecision> decisions, long configVersion) {
        copyDecisions("match_decisions (a, b, date_score, geo_score, title_score, description_score, combined_score,"
                + " decision, tier, config_version, outcome)", decisions, configVersion);
    }

    /**
     * Upserts (Part A 16): a pair decided again replaces its earlier decision. The rows go through {@code COPY} into
     * a temporary table and from there into {@code match_decisions} with one {@code INSERT … ON CONFLICT}: far fewer
     * round trips and executor calls than row batches.
     */
    @Override
    public void upsertDecisions(List<PairDecision> decisions, long configVersion) {
        if (decisions.isEmpty()) {
            return;
        }
        handle.execute("""
                CREATE TEMP TABLE IF NOT EXISTS decision_upserts (
                    a text COLLATE "C", b text COLLATE "C", date_score float8, geo_score float8, title_score float8,
                    description_score float8, combined_score float8, decision text, tier text, config_version bigint,
                    outcome bigint
                ) ON COMMIT DELETE ROWS""");
        handle.execute("TRUNCATE decision_upserts");
        copyDecisions("decision_upserts", decisions, configVersion);
        handle.execute("""
                INSERT INTO match_decisions (a, b, date_score, geo_score, title_score, description_score,
                       combined_score, decision, tier, config_version, outcome)
                SELECT a, b, date_score, geo_score, title_score, description_score, combined_score, decision, tier,
                       config_version, outcome
                  FROM decision_upserts
                ON CONFLICT (a, b) DO UPDATE SET date_score = EXCLUDED.date_score,
                       geo_score = EXCLUDED.geo_score, title_score = EXCLUDED.title_score,
                       description_score = EXCLUDED.description_score,
                       combined_score = EXCLUDED.combined_score, decision = EXCLUDED.decision,
                       tier = EXCLUDED.tier, config_version = EXCLUDED.config_version, outcome = EXCLUDED.outcome,
                       decided_at = now()""");
        handle.execute("TRUNCATE decision_upserts");
    }

    private void copyDecisions(String target, List<PairDecision> decisions, long configVersion) {
        // columns: a, b, date_score, geo_score, title_score, description_score, combined_score, decision, tier,
        // config_version, outcome
        CopyRows copy = new CopyRows(handle);
        for (int from = 0; from < decisions.size(); from += COPY_CHUNK) {
            BinaryRows rows = new BinaryRows(140 * COPY_CHUNK);
            for (PairDecision d : decisions.subList(from, Math.min(decisions.size(), from + COPY_CHUNK))) {
                Signals s = d.signals();
                rows.row(11).text(d.a()).text(d.b()).float8(s.date()).float8(s.geo()).float8(s.title())
                        .float8(s.description()).float8(d.score()).text(d.decision().jsonName())
                        .text(d.tier().jsonName()).int8(configVersion).int8(DecisionOutcome.of(d));
            }
            copy.in("COPY " + target + " FROM STDIN (FORMAT binary)", rows);
        }
    }

    /** Both ends of every {@code match} decision touching {@code ids}. */
    @Override
    public List<String[]> matchEdgesTouching(Collection<String> ids) {
        String[] array = array(ids);
        List<String[]> edges = new ArrayList<>();
        for (String column : new String[] {"a", "b"}) {
            handle.createQuery("SELECT a, b FROM match_decisions WHERE decision = 'match' AND " + column
                            + " = ANY(CAST(:ids AS text[]))")
                    .bind("ids", array)
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                    .forEach(edges::add);
        }
        return edges;
    }

    /** Every {@code match} edge, streamed. */
    @Override
    public void forEachMatchEdge(Consumer<String[]> action) {
        handle.createQuery("SELECT a, b FROM match_decisions WHERE decision = 'match'").setFetchSize(10_000)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).forEach(action);
    }

    /** Every decision whose two listings are both in {@code ids}. */
    @Override
    public List<PairDecision> decisionsWithin(Collection<String> ids) {
        // Probe the (a, b) key by a only and keep the b side here: with "a = ANY(:ids) AND b = ANY(:ids)" PostgreSQL
        // may probe the index for every combination of the two lists, which took seconds at 100k stored listings.
        Set<String> members = new HashSet<>(ids);
        return handle.createQuery("SELECT " + DECISION_COLUMNS
                        + " FROM unnest(CAST(:ids AS text[])) AS m(id) JOIN match_decisions d ON d.a = m.id")
                .bind("ids", array(ids))
                .map((rs, ctx) -> members.contains(rs.getString(2)) ? decision(rs) : null)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList();
    }

    private static final String DECISION_COLUMNS = "d.a, d.b, d.date_score, d.geo_score, d.title_score,"
            + " d.description_score, d.combined_score, d.decision, d.tier";

    /** The row of {@link #DECISION_COLUMNS}, read by position (hundreds of thousands of rows: no name lookups). */
    private static PairDecision decision(ResultSet rs) throws SQLException {
        return new PairDecision(rs.getString(1), rs.getString(2),
                new Signals(rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)),
                rs.getDouble(7), known(DECISIONS, rs.getString(8)), known(TIERS, rs.getString(9)));
    }

    private static <E> E known(Map<String, E> values, String name) {
        E value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("stored decision has an unknown value \"" + name + "\"");
        }
        return value;
    }

    private static final Map<String, Decision> DECISIONS = byJsonName(Decision.values(), Decision::jsonName);
    private static final Map<String, Tier> TIERS = byJsonName(Tier.values(), Tier::jsonName);

    private static <E> Map<String, E> byJsonName(E[] values, java.util.function.Function<E, String> name) {
        Map<String, E> map = new HashMap<>();
        for (E value : values) {
            map.put(name.apply(value), value);
        }
        return Map.copyOf(map);
    }

    // ---- canonical events

    /** Members of the canonical events that hold any of {@code ids}: canonical id → member ids. */
    @Override
    public Map<Long, List<String>> canonicalsHolding(Collection<String> ids) {
        Map<Long, List<String>> members = new LinkedHashMap<>();
        handle.createQuery("""
                        SELECT s2.canonical_event_id, s2.source_event_id
                          FROM canonical_event_sources s1
                          JOIN canonical_event_sources s2 ON s2.canonical_event_id = s1.canonical_event_id
                         WHERE s1.source_event_id = ANY(CAST(:ids AS text[]))
                         ORDER BY s2.canonical_event_id, s2.source_event_id""")
                .bind("ids", array(ids))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> {
                    List<String> list = members.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                    if (!list.contains(e.getValue())) {
                        list.add(e.getValue());
                    }
                });
        return members;
    }

    /** Every (canonical id, listing id) link, streamed. */
    @Override
    public void forEachLink(java.util.function.BiConsumer<Long, String> action) {
        handle.createQuery("SELECT canonical_event_id, source_event_id FROM canonical_event_sources")
                .setFetchSize(10_000)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> action.accept(e.getKey(), e.getValue()));
    }

    /** Ids come from the sequence in one query, rows go in with {@code COPY}. */
    @Override
    public List<Long> insertCanonicals(List<CanonicalEvent> events, long configVersion) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<Long> ids = handle.createQuery(
                        "SELECT nextval('canonical_events_id_seq') FROM generate_series(1, :n) ORDER BY 1")
                .bind("n", events.size()).mapTo(Long.class).list();
        CopyRows copy = new CopyRows(handle);
        List<Map<String, Object>> allValues = canonicalValues(events);
        for (int from = 0; from < events.size(); from += BATCH) {
            StringBuilder rows = new StringBuilder(2048 * BATCH);
            for (int i = from; i < Math.min(events.size(), from + BATCH); i++) {
                Map<String, Object> values = allValues.get(i);
                Object[] row = new Object[CANONICAL_KEYS.size() + 2];
                row[0] = ids.get(i);
                for (int k = 0; k < CANONICAL_KEYS.size(); k++) {
                    row[k + 1] = values.get(CANONICAL_KEYS.get(k));
                }
                row[row.length - 1] = configVersion;
                CopyRows.row(rows, row);
            }
            copy.in("COPY canonical_events (id, " + CANONICAL_COLUMNS + ", config_version) FROM STDIN", rows);
        }
        return ids;
    }

    /** Compares content hashes here and writes only the events whose content changed, in one batch. */
    @Override
    public Set<Long> updateCanonicals(Map<Long, CanonicalEvent> events, long configVersion) {
        if (events.isEmpty()) {
            return Set.of();
        }
        Map<Long, String> storedHashes = new HashMap<>();
        handle.createQuery("SELECT id, content_hash FROM canonical_events WHERE id = ANY(CAST(:ids AS bigint[]))")
                .bind("ids", events.keySet().toArray(new Long[0]))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> storedHashes.put(e.getKey(), e.getValue()));
        Set<Long> changed = new LinkedHashSet<>();
        PreparedBatch batch = handle.prepareBatch("UPDATE canonical_events SET (" + CANONICAL_COLUMNS
                + ", config_version, version, updated_at) = (" + CANONICAL_VALUES
                + ", :configVersion, version + 1, now()) WHERE id = :id");
        List<Long> ids = List.copyOf(events.keySet());
        List<Map<String, Object>> values = canonicalValues(ids.stream().map(events::get).toList());
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (storedHashes.containsKey(id) && !values.get(i).get("contentHash").equals(storedHashes.get(id))) {
                batch.bindMap(values.get(i)).bind("configVersion", configVersion).bind("id", id).add();
                changed.add(id);
            }
        }
        if (batch.size() > 0) {
            batch.execute();
        }
        return changed;
    }

    @Override
    public void deleteCanonicals(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            handle.createUpdate("DELETE FROM canonical_events WHERE id = ANY(CAST(:ids AS bigint[]))")
                    .bind("ids", ids.toArray(new Long[0])).execute();
        }
    }

    /** Reads the current links of {@code listingIds}, then deletes and inserts only the ones that differ. */
    @Override
    public void replaceLinks(Collection<String> listingIds, Map<Long, List<String>> membersByCanonical) {
        Map<String, Long> current = new HashMap<>();
        handle.createQuery("""
                        SELECT source_event_id, canonical_event_id FROM canonical_event_sources
                         WHERE source_event_id = ANY(CAST(:ids AS text[]))""")
                .bind("ids", array(listingIds))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> current.put(e.getKey(), e.getValue()));
        Map<String, Long> wanted = new HashMap<>();
        membersByCanonical.forEach((canonical, members) -> members.forEach(id -> wanted.put(id, canonical)));
        List<String> unlink = new ArrayList<>();
        for (String id : listingIds) {
            Long now = current.get(id);
            if (now != null && !now.equals(wanted.get(id))) {
                unlink.add(id);
            }
        }
        if (!unlink.isEmpty()) {
            handle.createUpdate("DELETE FROM canonical_event_sources WHERE source_event_id = ANY(CAST(:ids AS text[]))")
                    .bind("ids", array(unlink)).execute();
        }
        StringBuilder rows = new StringBuilder();
        wanted.forEach((id, canonical) -> {
            if (!canonical.equals(current.get(id))) {
                CopyRows.row(rows, canonical, id);
            }
        });
        if (!rows.isEmpty()) {
            new CopyRows(handle).in("COPY canonical_event_sources (canonical_event_id, source_event_id) FROM STDIN",
                    rows);
        }
    }

    private static final String CANONICAL_COLUMNS = "title, short_description, description, highlights,"
            + " location_name, location_city, location_district, location_street, location_zipcode, geo_latitude,"
            + " geo_longitude, geo_confidence, dates, first_date, last_date, categories, is_family_event,"
            + " is_child_focused, admission_free, field_provenance, source_count, match_confidence, needs_review,"
            + " review_reason, ai_assisted, content_hash";
    private static final String CANONICAL_VALUES = ":title, :shortDescription, :description,"
            + " CAST(:highlights AS jsonb), :locationName, :locationCity, :locationDistrict, :locationStreet,"
            + " :locationZipcode, :geoLatitude, :geoLongitude, :geoConfidence, CAST(:dates AS jsonb), :firstDate,"
            + " :lastDate, CAST(:categories AS jsonb), :isFamilyEvent, :isChildFocused, :admissionFree,"
            + " CAST(:fieldProvenance AS jsonb), :sourceCount, :matchConfidence, :needsReview, :reviewReason,"
            + " :aiAssisted, :contentHash";

    /** The value names of {@link #CANONICAL_VALUES}, in column order. */
    private static final List<String> CANONICAL_KEYS = java.util.regex.Pattern.compile(":(\\w+)")
            .matcher(CANONICAL_VALUES).results().map(m -> m.group(1)).toList();

    @Override
    public void prepareCanonicals(Collection<CanonicalEvent> events) {
        List<CanonicalEvent> list = List.copyOf(events);
        List<Map<String, Object>> values = list.parallelStream().map(JdbiPipelineStore::canonicalValues).toList();
        for (int i = 0; i < list.size(); i++) {
            rendered.put(list.get(i), values.get(i));
        }
    }

    /** The events' column values: as prepared ahead, else rendered now (on all cores). */
    private List<Map<String, Object>> canonicalValues(List<CanonicalEvent> events) {
        List<Map<String, Object>> values = events.parallelStream()
                .map(e -> Objects.requireNonNullElseGet(rendered.get(e), () -> canonicalValues(e))).toList();
        events.forEach(rendered::remove);
        return values;
    }

    private static Map<String, Object> canonicalValues(CanonicalEvent e) {
        Map<String, Object> v = new HashMap<>();
        v.put("title", e.title());
        v.put("shortDescription", e.shortDescription());
        v.put("description", e.description());
        v.put("highlights", ListingJson.json(e.highlights()));
        v.put("locationName", e.locationName());
        v.put("locationCity", e.locationCity());
        v.put("locationDistrict", e.locationDistrict());
        v.put("locationStreet", e.locationStreet());
        v.put("locationZipcode", e.locationZipcode());
        v.put("geoLatitude", e.geo() == null ? null : e.geo().latitude());
        v.put("geoLongitude", e.geo() == null ? null : e.geo().longitude());
        v.put("geoConfidence", e.geo() == null ? null : e.geo().confidence());
        v.put("dates", ListingJson.json(e.dates()));
        v.put("firstDate", e.firstDate());
        v.put("lastDate", e.lastDate());
        v.put("categories", ListingJson.json(e.categories()));
        v.put("isFamilyEvent", e.isFamilyEvent());
        v.put("isChildFocused", e.isChildFocused());
        v.put("admissionFree", e.admissionFree());
        v.put("fieldProvenance", ListingJson.json(e.fieldProvenance()));
        v.put("sourceCount", e.sourceCount());
        v.put("matchConfidence", e.matchConfidence());
        v.put("needsReview", e.needsReview());
        v.put("reviewReason", e.reviewFlag() == null ? null : e.reviewFlag().detail());
        v.put("aiAssisted", e.aiAssisted());
        v.put("contentHash", ContentHash.sha256(ListingJson.json(e)));
        return v;
    }

    // ---- helpers

    static String[] array(Collection<String> values) {
        return values.toArray(new String[0]);
    }

    private static String[] days(List<LocalDate> days) {
        String[] text = new String[days.size()];
        for (int i = 0; i < text.length; i++) {
            text[i] = days.get(i).toString();
        }
        return text;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
