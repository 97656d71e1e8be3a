package org.eventdedup.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a generated data set in the layout of the shared sample ({@code ../shared/data/sample}):
 * {@code DIR/input/<source>_<date>.json} input files (matching-spec B §2), {@code DIR/truth.json}
 * ({@code {"entities": {...}, "pairs": [[a, b], ...]}}, contract §3) and {@code DIR/stats.json} (the mix). Keeping the
 * inputs in their own folder lets {@code match --input DIR/input} read them without tripping over the truth file.
 *
 * <p>JSON is streamed with Jackson, one event (one entity, one pair) per line, fields in the order of the format's
 * table; nothing depends on hash order, so equal data gives equal bytes.
 */
public final class DataSetFiles {

    public static final String INPUT_FOLDER = "input";
    public static final String TRUTH_FILE = "truth.json";
    public static final String STATS_FILE = "stats.json";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private DataSetFiles() {
    }

    /**
     * Generates {@code listings} listings for {@code seed} and writes them under {@code directory}, which must exist
     * and be empty (checked by the caller).
     */
    public static SyntheticDataGenerator.Result write(int listings, long seed, Path directory) throws IOException {
        Path input = Files.createDirectories(directory.resolve(INPUT_FOLDER));
        SyntheticDataGenerator.Result result = new SyntheticDataGenerator(listings, seed).generate(file -> {
            try (OutputStream out = Files.newOutputStream(input.resolve(file.name()))) {
                writeFile(file, out);
            }
        });
        try (OutputStream out = Files.newOutputStream(directory.resolve(TRUTH_FILE))) {
            writeTruth(result.truth(), out);
        }
        try (OutputStream out = Files.newOutputStream(directory.resolve(STATS_FILE))) {
            writeStats(result, listings, seed, out);
        }
        return result;
    }

    /** The bytes of one input file, exactly as {@link #write} stores it. */
    public static byte[] toBytes(SyntheticFile file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try {
            writeFile(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void writeFile(SyntheticFile file, OutputStream out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("events");
            for (SyntheticListing listing : file.listings()) {
                writeEvent(g, listing);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("metadata");
            g.writeStringField("processedAt", file.processedAt());
            g.writeStringField("sourceKey", file.sourceKey());
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeEvent(JsonGenerator g, SyntheticListing e) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", e.id());
        g.writeStringField("title", e.title());
        g.writeStringField("short_description", e.shortDescription());
        g.writeStringField("description", e.description());
        g.writeFieldName("highlights");
        strings(g, e.highlights());
        g.writeArrayFieldStart("event_dates");
        for (SyntheticListing.DateEntry date : e.dates()) {
            g.writeStartObject();
            g.writeStringField("date", date.date().toString());
            g.writeStringField("start_time", date.startTime());
            g.writeStringField("end_time", date.endTime());
            g.writeStringField("end_date", date.endDate() == null ? null : date.endDate().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        SyntheticListing.Place place = e.location();
        if (place == null) {
            g.writeNullField("location");
        } else {
            g.writeObjectFieldStart("location");
            g.writeStringField("name", place.name());
            g.writeStringField("city", place.city());
            g.writeStringField("district", place.district());
            g.writeStringField("street", place.street());
            g.writeStringField("zipcode", place.zipcode());
            if (place.geo() == null) {
                g.writeNullField("geo");
            } else {
                g.writeObjectFieldStart("geo");
                g.writeNumberField("latitude", place.geo().latitude());
                g.writeNumberField("longitude", place.geo().longitude());
                g.writeNumberField("confidence", place.geo().confidence());
                g.writeEndObject();
            }
            if (place.sanitizedCity() != null) {
                g.writeObjectFieldStart("_sanitizeResult");
                g.writeStringField("city", place.sanitizedCity());
                g.writeNullField("district");
                g.writeNumberField("confidence", 0.9);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeStringField("source_type", e.sourceType());
        g.writeFieldName("categories");
        strings(g, e.categories());
        bool(g, "is_family_event", e.isFamilyEvent());
        bool(g, "is_child_focused", e.isChildFocused());
        bool(g, "admission_free", e.admissionFree());
        if (e.registrationRequired() != null) {
            bool(g, "registration_required", e.registrationRequired());
        }
        g.writeEndObject();
    }

    static void writeTruth(GroundTruth truth, OutputStream out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("entities");
            IOException[] failure = new IOException[1];
            truth.forEachEntity((name, ids) -> {
                if (failure[0] == null) {
                    try {
                        g.writeFieldName(name);
                        strings(g, ids);
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }
            });
            rethrow(failure);
            g.writeEndObject();
            g.writeArrayFieldStart("pairs");
            truth.forEachPair((a, b) -> {
                if (failure[0] == null) {
                    try {
                        g.writeStartArray();
                        g.writeString(a);
                        g.writeString(b);
                        g.writeEndArray();
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }
            });
            rethrow(failure);
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    static void writeStats(SyntheticDataGenerator.Result result, int listings, long seed, OutputStream out)
            throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            g.writeNumberField("seed", seed);
            g.writeNumberField("listings", listings);
            g.writeStringField("first_day", result.firstDay().toString());
            g.writeStringField("last_day", result.lastDay().toString());
            g.writeNumberField("files", result.files());
            g.writeNumberField("entities", result.truth().entityCount());
            g.writeNumberField("truth_pairs", result.truth().pairCount());
            g.writeObjectFieldStart("sources");
            for (Source source : Source.values()) {
                g.writeStringField(source.code(), source.label());
            }
            g.writeEndObject();
            for (Map.Entry<String, Map<String, Long>> group : result.stats().groups().entrySet()) {
                g.writeObjectFieldStart(group.getKey());
                for (Map.Entry<String, Long> entry : group.getValue().entrySet()) {
                    g.writeNumberField(entry.getKey(), entry.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void rethrow(IOException[] failure) throws IOException {
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static void strings(JsonGenerator g, List<String> values) throws IOException {
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static void bool(JsonGenerator g, String name, Boolean value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeBooleanField(name, value);
        }
    }

    private static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
        g.setPrettyPrinter(new OneEntryPerLine());
        return g;
    }

    /**
     * Compact JSON with a line break before each element of the top-level object's arrays and objects ({@code events},
     * {@code entities}, {@code pairs}, the stats groups): small files that still diff and grep line by line.
     */
    private static final class OneEntryPerLine extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        private static boolean secondLevel(JsonGenerator g) {
            JsonStreamContext context = g.getOutputContext();
            return context.getParent() != null && context.getParent().getParent() != null
                    && context.getParent().getParent().inRoot();
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (secondLevel(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(secondLevel(g) ? ",\n" : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (secondLevel(g) && nrOfValues > 0) {
                g.writeRaw('\n');
            }
            g.writeRaw(']');
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            if (secondLevel(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(secondLevel(g) ? ",\n" : ",");
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            if (secondLevel(g) && nrOfEntries > 0) {
                g.writeRaw('\n');
            }
            g.writeRaw('}');
        }
    }
}
