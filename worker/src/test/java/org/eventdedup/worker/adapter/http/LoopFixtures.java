package org.eventdedup.worker.adapter.http;

import org.jdbi.v3.core.Jdbi;

/**
 * Listings, decisions and canonical events written straight into the pipeline tables, so the operator's loop can be
 * tested on exact scores without running the engine.
 */
final class LoopFixtures {

    private final Jdbi jdbi;
    private long order;

    LoopFixtures(Jdbi jdbi) {
        this.jdbi = jdbi;
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO file_ingestions (id, filename, file_hash, source_code, origin, status, size_bytes)
                VALUES (1, 'fixture.json', repeat('0', 64), 'fix', 'test', 'completed', 0)"""));
    }

    /** A listing of source {@code fix} on 2026-02-12 14:00 in Emmendingen. */
    LoopFixtures listing(String id, String title) {
        long next = ++order;
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO source_events (id, file_ingestion_id, source_code, source_type, listing,
                                                   ingestion_order, keys_config)
                        VALUES (:id, 1, 'fix', 'artikel', CAST(:listing AS jsonb), :order, 'test')""")
                .bind("id", id).bind("order", next)
                .bind("listing", """
                        {"id": "%s", "title": "%s", "description": "%s",
                         "dates": [{"date": "2026-02-12", "start_time": "14:00:00", "end_time": null}],
                         "location": {"city": "Emmendingen", "name": "Marktplatz"}}"""
                        .formatted(id, title, "x".repeat(400)))
                .execute());
        return this;
    }

    /** A stored decision; {@code minutesAgo} orders them for {@code order=recent}. */
    LoopFixtures decision(String a, String b, double title, double combined, String decision, int minutesAgo) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO match_decisions (a, b, date_score, geo_score, title_score, description_score,
                                                     combined_score, decision, tier, config_version, decided_at)
                        VALUES (:a, :b, 1.0, 0.9, :title, 0.2, :combined, :decision, 'deterministic', 3,
                                now() - make_interval(mins => :ago))""")
                .bind("a", a).bind("b", b).bind("title", title).bind("combined", combined)
                .bind("decision", decision).bind("ago", minutesAgo).execute());
        return this;
    }

    /** A canonical event of these listings at {@code version}; returns its id. */
    long event(String title, int version, String... listings) {
        return jdbi.inTransaction(h -> {
            long id = h.createQuery("""
                            INSERT INTO canonical_events (title, source_count, version, content_hash, config_version,
                                                          first_date, last_date, location_city, location_name,
                                                          dates, categories)
                            VALUES (:title, :count, :version, repeat('a', 64), 3, DATE '2026-02-12',
                                    DATE '2026-02-13', 'Emmendingen', 'Marktplatz',
                                    '[{"date": "2026-02-12", "start_time": "14:00:00"}]', '["fasnacht"]')
                            RETURNING id""")
                    .bind("title", title).bind("count", listings.length).bind("version", version)
                    .mapTo(Long.class).one();
            for (String listing : listings) {
                h.createUpdate("INSERT INTO canonical_event_sources (canonical_event_id, source_event_id)"
                        + " VALUES (:id, :listing)").bind("id", id).bind("listing", listing).execute();
            }
            return id;
        });
    }
}
