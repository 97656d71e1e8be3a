package org.eventdedup.worker.adapter.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import org.eventdedup.matching.model.Listing;

/**
 * A {@link Listing} as the JSONB of {@code source_events.listing}: snake_case field names, ISO dates and times, nulls
 * kept, so the stored document reads like the input format and binds back to an equal listing.
 */
public final class ListingJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private ListingJson() {
    }

    public static String write(Listing listing) {
        try {
            return MAPPER.writeValueAsString(listing);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Listing read(String json) {
        try {
            return MAPPER.readValue(json, Listing.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored listing is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** Any value as JSON text (maps, lists, records), for the JSONB columns. */
    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
