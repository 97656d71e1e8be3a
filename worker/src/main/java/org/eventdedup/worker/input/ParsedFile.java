package org.eventdedup.worker.input;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.matching.model.Listing;

/**
 * A valid input file.
 *
 * @param sourceCode the file name up to its first underscore (the whole name when it has none; B §2.1)
 * @param metadata   the envelope's {@code metadata} object as plain maps, lists and values; empty when absent
 * @param listings   the events in file order, with consecutive ingestion orders
 */
public record ParsedFile(String fileName, String sourceCode, Map<String, Object> metadata, List<Listing> listings) {
    public ParsedFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sourceCode, "sourceCode");
        // JSON null values are legal in metadata, which Map.copyOf would refuse
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        listings = List.copyOf(listings);
    }

    /** Ids of events without any date: they are stored, but cannot be blocked and stay singletons (Part A 13). */
    public List<String> idsWithoutDates() {
        return listings.stream().filter(l -> l.dates().isEmpty()).map(Listing::id).toList();
    }
}
