package org.eventdedup.worker.adapter.persistence;

import java.util.List;
import java.util.Objects;
import org.eventdedup.worker.port.ListingCategoryCounts;
import org.jdbi.v3.core.Jdbi;

/** Counts the categories of {@code source_events.listing} (a JSON array of strings) on PostgreSQL. */
public final class JdbiListingCategoryCounts implements ListingCategoryCounts {

    // DISTINCT per listing: a listing that names a category twice carries it once
    private static final String SQL = """
            SELECT c.spelling, count(DISTINCT e.id) AS listings
              FROM source_events e
             CROSS JOIN LATERAL jsonb_array_elements_text(
                   CASE WHEN jsonb_typeof(e.listing -> 'categories') = 'array'
                        THEN e.listing -> 'categories' ELSE '[]'::jsonb END) AS c(spelling)
             WHERE btrim(c.spelling) <> ''
             GROUP BY c.spelling
            """;

    private final Jdbi jdbi;

    public JdbiListingCategoryCounts(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public List<SpellingCount> spellings() {
        return jdbi.withHandle(h -> h.createQuery(SQL)
                .map((rs, ctx) -> new SpellingCount(rs.getString("spelling"), rs.getLong("listings"))).list());
    }
}
