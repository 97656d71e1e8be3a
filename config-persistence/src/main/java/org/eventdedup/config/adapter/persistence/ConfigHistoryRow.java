package org.eventdedup.config.adapter.persistence;

import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * One {@code config_history} row as stored; JSONB columns read as text. A query selects either the document or the
 * changes, never both (a history page would otherwise ship every full document), so one of them is null.
 */
record ConfigHistoryRow(long version, String configJson, String changesJson, OffsetDateTime updatedAt,
                        String updatedBy) {

    static final RowMapper<ConfigHistoryRow> WITH_CHANGES = (rs, ctx) -> new ConfigHistoryRow(
            rs.getLong("version"),
            null,
            rs.getString("changes"),
            rs.getObject("updated_at", OffsetDateTime.class),
            rs.getString("updated_by"));

    static final RowMapper<ConfigHistoryRow> WITH_DOCUMENT = (rs, ctx) -> new ConfigHistoryRow(
            rs.getLong("version"),
            rs.getString("config_json"),
            null,
            rs.getObject("updated_at", OffsetDateTime.class),
            rs.getString("updated_by"));
}
