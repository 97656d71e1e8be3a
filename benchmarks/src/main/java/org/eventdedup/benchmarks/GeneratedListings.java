package org.eventdedup.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eventdedup.generator.DataSetFiles;
import org.eventdedup.generator.SyntheticDataGenerator;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.worker.input.InputFileException;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.input.ParsedFile;

/**
 * Generated listings held in memory, produced exactly as {@code generate} + reading the files would: each generated
 * file is serialised to its bytes and read back with the worker's {@link InputFileParser}, so benchmarks match the
 * same listings a {@code match} run on the written files sees (ingestion order = file order, then position).
 */
final class GeneratedListings {

    private GeneratedListings() {
    }

    static List<Listing> generate(int listings, long seed) {
        List<Listing> out = new ArrayList<>(listings);
        InputFileParser parser = new InputFileParser();
        try {
            new SyntheticDataGenerator(listings, seed).generate(file -> {
                try {
                    ParsedFile parsed = parser.parse(file.name(), DataSetFiles.toBytes(file), out.size());
                    out.addAll(parsed.listings());
                } catch (InputFileException e) {
                    throw new IllegalStateException("generated file " + file.name() + " does not parse: "
                            + e.getMessage(), e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
