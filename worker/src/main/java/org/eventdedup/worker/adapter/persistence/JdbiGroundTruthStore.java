package org.eventdedup.worker.adapter.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.text.CodePoints;
import org.eventdedup.worker.port.GroundTruthStore;
import org.eventdedup.worker.port.LabelStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The stored ground truth in PostgreSQL ({@code V12__ground_truth.sql}); an import locks out concurrent ones. */
public final class JdbiGroundTruthStore implements GroundTruthStore {

    private final Jdbi jdbi;

    public JdbiGroundTruthStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Imported replace(GroundTruth truth, String operator) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(operator, "operator");
        return jdbi.inTransaction(handle -> {
            handle.execute("LOCK TABLE ground_truth_imports IN EXCLUSIVE MODE");
            Set<String> known = new HashSet<>(handle.createQuery(
                            "SELECT id FROM source_events WHERE id = ANY(CAST(:ids AS text[]))")
                    .bind("ids", truth.listings().toArray(String[]::new)).mapTo(String.class).list());
            List<String> unknown = new ArrayList<>();
            for (String id : truth.listings()) {
                if (!known.contains(id)) {
                    unknown.add(id);
                }
            }
            unknown.sort(CodePoints::compare);
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            for (IdPair pair : truth.pairs()) {
                if (known.contains(pair.a()) && known.contains(pair.b())) {
                    a.add(pair.a());
                    b.add(pair.b());
                }
            }
            handle.execute("DELETE FROM ground_truth_pairs");
            handle.execute("DELETE FROM ground_truth_listings");
            handle.createUpdate("""
                            INSERT INTO ground_truth_listings (listing_id)
                            SELECT unnest(CAST(:ids AS text[]))""")
                    .bind("ids", known.toArray(String[]::new)).execute();
            handle.createUpdate("""
                            INSERT INTO ground_truth_pairs (a, b)
                            SELECT * FROM unnest(CAST(:a AS text[]), CAST(:b AS text[]))""")
                    .bind("a", a.toArray(String[]::new)).bind("b", b.toArray(String[]::new)).execute();
            handle.createUpdate("""
                            INSERT INTO ground_truth_imports (imported_by, pairs, listings, unknown_listing_ids)
                            VALUES (:by, :pairs, :listings, :unknown)""")
                    .bind("by", operator).bind("pairs", a.size()).bind("listings", known.size())
                    .bind("unknown", unknown.size()).execute();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("pairs", a.size());
            details.put("listings", known.size());
            details.put("unknown_listings", unknown.size());
            JdbiLabelStore.audit(handle, new AuditEntry(operator, "ground_truth.import", null, details));
            return new Imported(a.size(), known.size(),
                    unknown.subList(0, Math.min(unknown.size(), MAX_REPORTED_UNKNOWN)), unknown.size(),
                    truth.pairs().size() - a.size());
        });
    }

    @Override
    public Summary summary() {
        return jdbi.withHandle(handle -> {
            int pairs = handle.createQuery("SELECT count(*) FROM ground_truth_pairs").mapTo(Integer.class).one();
            int listings = handle.createQuery("SELECT count(*) FROM ground_truth_listings").mapTo(Integer.class)
                    .one();
            int labels = handle.createQuery("SELECT count(*) FROM pair_labels").mapTo(Integer.class).one();
            Optional<Summary> last = handle.createQuery("""
                            SELECT imported_at, imported_by FROM ground_truth_imports ORDER BY id DESC LIMIT 1""")
                    .map((rs, ctx) -> new Summary(pairs, listings,
                            rs.getObject("imported_at", OffsetDateTime.class).toInstant(),
                            rs.getString("imported_by"), labels))
                    .findOne();
            return last.orElse(new Summary(pairs, listings, null, null, labels));
        });
    }

    /**
     * The stored truth as the engine reads it, within {@code handle}: the imported truth joined by the operators'
     * labels, a label winning over an imported pair (empty when there is neither).
     */
    static GroundTruth load(Handle handle) {
        Set<IdPair> pairs = new HashSet<>();
        handle.createQuery("SELECT a, b FROM ground_truth_pairs")
                .map((rs, ctx) -> new IdPair(rs.getString(1), rs.getString(2))).forEach(pairs::add);
        Set<String> listings = new HashSet<>(handle.createQuery("SELECT listing_id FROM ground_truth_listings")
                .mapTo(String.class).list());
        List<IdPair> same = new ArrayList<>();
        List<IdPair> different = new ArrayList<>();
        handle.createQuery("SELECT a, b, label FROM pair_labels").map((rs, ctx) -> {
            (rs.getString(3).equals("same") ? same : different).add(new IdPair(rs.getString(1), rs.getString(2)));
            return null;
        }).forEach(row -> { });
        return new GroundTruth(pairs, listings, 0).withLabels(same, different);
    }
}
