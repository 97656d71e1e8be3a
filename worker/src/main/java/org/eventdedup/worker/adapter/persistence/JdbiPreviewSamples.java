package org.eventdedup.worker.adapter.persistence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.worker.port.PreviewSamples;
import org.jdbi.v3.core.Jdbi;

/** The preview's sample in one read-only transaction: PostgreSQL itself refuses any write. */
public final class JdbiPreviewSamples implements PreviewSamples {

    private final Jdbi jdbi;

    public JdbiPreviewSamples(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Sample read(int recent, List<String> models) {
        return jdbi.inTransaction(handle -> {
            handle.execute("SET TRANSACTION READ ONLY");
            List<Listing> listings = handle.createQuery("""
                            WITH recent AS (SELECT id FROM source_events ORDER BY ingestion_order DESC, id
                                            LIMIT :limit)
                            SELECT listing::text FROM source_events
                             WHERE id IN (SELECT id FROM recent UNION SELECT a FROM ground_truth_pairs
                                          UNION SELECT b FROM ground_truth_pairs
                                          UNION SELECT a FROM pair_labels UNION SELECT b FROM pair_labels)""")
                    .bind("limit", recent)
                    .setFetchSize(1000)
                    .map((rs, ctx) -> ListingJson.read(rs.getString(1))).list();
            GroundTruth truth = JdbiGroundTruthStore.load(handle);
            Map<String, TokenHistory> byModel = new HashMap<>();
            handle.createQuery("""
                            SELECT model, sum(prompt_tokens) AS input, sum(output_tokens + thought_tokens) AS output,
                                   sum(api_calls) AS calls
                              FROM ai_usage_log WHERE api_calls > 0 AND model = ANY(CAST(:models AS text[]))
                             GROUP BY model""")
                    .bind("models", models.toArray(String[]::new))
                    .map((rs, ctx) -> Map.entry(rs.getString("model"), new TokenHistory(rs.getLong("input"),
                            rs.getLong("output"), rs.getLong("calls"))))
                    .forEach(e -> byModel.put(e.getKey(), e.getValue()));
            TokenHistory all = handle.createQuery("""
                            SELECT coalesce(sum(prompt_tokens), 0) AS input,
                                   coalesce(sum(output_tokens + thought_tokens), 0) AS output,
                                   coalesce(sum(api_calls), 0) AS calls
                              FROM ai_usage_log WHERE api_calls > 0""")
                    .map((rs, ctx) -> new TokenHistory(rs.getLong("input"), rs.getLong("output"),
                            rs.getLong("calls")))
                    .one();
            return new Sample(listings, truth, byModel, all);
        });
    }
}
