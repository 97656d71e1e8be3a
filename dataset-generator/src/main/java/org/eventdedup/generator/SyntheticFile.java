package org.eventdedup.generator;

import java.time.LocalDate;
import java.util.List;

/**
 * One generated input file: {@code <source>_<published>.json}, so its source code (the name up to the first
 * underscore, matching-spec B §2.1) is the source's code, e.g. {@code bzo}.
 */
public record SyntheticFile(Source source, LocalDate published, String processedAt, List<SyntheticListing> listings) {

    public SyntheticFile {
        listings = List.copyOf(listings);
    }

    public String name() {
        return source.code() + "_" + published + ".json";
    }

    /** {@code metadata.sourceKey}: the file name without {@code .json}. */
    public String sourceKey() {
        return source.code() + "_" + published;
    }
}
