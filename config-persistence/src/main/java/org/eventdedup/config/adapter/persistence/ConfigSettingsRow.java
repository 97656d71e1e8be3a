package org.eventdedup.config.adapter.persistence;

import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;

/** One {@code config_settings} row as stored; {@code configJson} is the JSONB column read as text. */
record ConfigSettingsRow(String configJson, String encryptedApiKey, long version, OffsetDateTime updatedAt,
                         String updatedBy) {

    static final String COLUMNS =
            "config_json::text AS config_json, encrypted_api_key, version, updated_at, updated_by";

    /** By hand rather than by reflection: this runs on every pipeline config load. */
    static final RowMapper<ConfigSettingsRow> MAPPER = (rs, ctx) -> new ConfigSettingsRow(
            rs.getString("config_json"),
            rs.getString("encrypted_api_key"),
            rs.getLong("version"),
            rs.getObject("updated_at", OffsetDateTime.class),
            rs.getString("updated_by"));
}
