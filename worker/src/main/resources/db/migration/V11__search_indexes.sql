-- GET /api/canonical-events?city= looks up the source listings of a normalised city; without this index that is a
-- scan of every stored listing.
CREATE INDEX source_events_city_normalized ON source_events (city_normalized);
