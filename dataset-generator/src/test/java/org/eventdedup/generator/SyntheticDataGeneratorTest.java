package org.eventdedup.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.worker.input.InputFileException;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.input.ParsedFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticDataGeneratorTest {

    private static final int LISTINGS = 4_000;
    private static final long SEED = 7;

    @TempDir
    static Path shared;

    private static Path dataSet;
    private static SyntheticDataGenerator.Result result;
    private static Map<String, Listing> listingsById;
    private static Map<String, String> sourceCodeOfFile;

    @BeforeAll
    static void generateOnce() throws IOException, InputFileException {
        dataSet = shared.resolve("set");
        Files.createDirectories(dataSet);
        result = DataSetFiles.write(LISTINGS, SEED, dataSet);
        listingsById = new HashMap<>();
        sourceCodeOfFile = new TreeMap<>();
        InputFileParser parser = new InputFileParser();
        long order = 0;
        for (Path file : inputFiles(dataSet)) {
            ParsedFile parsed = parser.parse(file.getFileName().toString(), Files.readAllBytes(file), order);
            sourceCodeOfFile.put(file.getFileName().toString(), parsed.sourceCode());
            for (Listing listing : parsed.listings()) {
                assertThat(listingsById.put(listing.id(), listing)).as("id %s used once", listing.id()).isNull();
            }
            order += parsed.listings().size();
        }
    }

    private static List<Path> inputFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve(DataSetFiles.INPUT_FOLDER))) {
            return files.sorted().toList();
        }
    }

    @Test
    void writes_exactly_the_requested_number_of_listings_in_parseable_files() {
        assertThat(result.listings()).isEqualTo(LISTINGS);
        assertThat(listingsById).hasSize(LISTINGS);
        assertThat(result.truth().listingCount()).isEqualTo(LISTINGS);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 299, 301, 1_000})
    void small_and_odd_sizes_give_exactly_that_many_listings(int listings) throws IOException {
        int[] count = new int[1];
        SyntheticDataGenerator.Result small = new SyntheticDataGenerator(listings, 3)
                .generate(file -> count[0] += file.listings().size());
        assertThat(count[0]).isEqualTo(listings);
        assertThat(small.truth().listingCount()).isEqualTo(listings);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, SyntheticDataGenerator.MAX_LISTINGS + 1})
    void rejects_sizes_outside_one_to_two_million(int listings) {
        assertThatThrownBy(() -> new SyntheticDataGenerator(listings, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2000000")
                .hasMessageContaining(Integer.toString(listings));
    }

    @Test
    void the_same_size_and_seed_give_byte_identical_files(@TempDir Path other) throws IOException {
        DataSetFiles.write(LISTINGS, SEED, other);
        List<Path> first = allFiles(dataSet);
        List<Path> second = allFiles(other);
        assertThat(second.stream().map(p -> other.relativize(p).toString()).toList())
                .isEqualTo(first.stream().map(p -> dataSet.relativize(p).toString()).toList());
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i))).as(first.get(i).toString())
                    .isEqualTo(Files.readAllBytes(first.get(i)));
        }
    }

    @Test
    void another_seed_gives_other_data() throws IOException {
        List<String> titles = new ArrayList<>();
        new SyntheticDataGenerator(500, SEED + 1).generate(file -> file.listings().forEach(l -> titles.add(l.title())));
        List<String> ours = new ArrayList<>();
        new SyntheticDataGenerator(500, SEED).generate(file -> file.listings().forEach(l -> ours.add(l.title())));
        assertThat(titles).hasSize(500).isNotEqualTo(ours);
    }

    private static List<Path> allFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void file_names_start_with_a_meaningful_source_code_that_also_prefixes_the_ids() {
        Set<String> codes = new HashSet<>();
        for (Source source : Source.values()) {
            codes.add(source.code());
        }
        assertThat(sourceCodeOfFile).isNotEmpty();
        sourceCodeOfFile.forEach((name, code) -> {
            assertThat(codes).contains(code);
            assertThat(name).matches(code + "_\\d{4}-\\d{2}-\\d{2}\\.json");
        });
        for (Listing listing : listingsById.values()) {
            assertThat(listing.id()).startsWith(listing.sourceCode() + "-");
        }
    }

    @Test
    void envelope_has_events_and_metadata_with_processed_at_and_source_key() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (Path file : inputFiles(dataSet)) {
            JsonNode root = json.readTree(file.toFile());
            assertThat(root.get("events").isArray()).isTrue();
            assertThat(root.at("/metadata/processedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
            assertThat(root.at("/metadata/sourceKey").asText() + ".json").isEqualTo(file.getFileName().toString());
        }
    }

    @Test
    void coordinates_stay_inside_the_region() {
        for (Listing listing : listingsById.values()) {
            if (listing.location().geo() != null) {
                assertThat(listing.location().geo().latitude()).isBetween(47.5, 48.5);
                assertThat(listing.location().geo().longitude()).isBetween(7.3, 8.5);
                assertThat(listing.location().geo().confidence()).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void truth_names_every_listing_once_and_its_pairs_lie_within_entities() throws IOException {
        JsonNode truth = new ObjectMapper().readTree(dataSet.resolve(DataSetFiles.TRUTH_FILE).toFile());
        Map<String, String> entityOf = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entities = truth.get("entities").fields();
        long expectedPairs = 0;
        while (entities.hasNext()) {
            Map.Entry<String, JsonNode> entity = entities.next();
            assertThat(entity.getValue().size()).isPositive();
            String previous = null;
            for (JsonNode id : entity.getValue()) {
                assertThat(listingsById).containsKey(id.asText());
                assertThat(entityOf.put(id.asText(), entity.getKey())).as("%s in one entity", id).isNull();
                if (previous != null) {
                    assertThat(previous.compareTo(id.asText())).isNegative();
                }
                previous = id.asText();
            }
            long n = entity.getValue().size();
            expectedPairs += n * (n - 1) / 2;
        }
        assertThat(entityOf).hasSize(LISTINGS);

        JsonNode pairs = truth.get("pairs");
        assertThat((long) pairs.size()).isEqualTo(expectedPairs).isEqualTo(result.truth().pairCount());
        String previous = null;
        for (JsonNode pair : pairs) {
            String a = pair.get(0).asText();
            String b = pair.get(1).asText();
            assertThat(a.compareTo(b)).isNegative();
            assertThat(entityOf.get(a)).isNotNull().isEqualTo(entityOf.get(b));
            String key = a + " " + b;
            if (previous != null) {
                assertThat(previous.compareTo(key)).as("pairs sorted").isNegative();
            }
            previous = key;
        }
    }

    @Test
    void same_event_listings_share_a_date_and_most_pairs_cross_sources() throws IOException {
        JsonNode truth = new ObjectMapper().readTree(dataSet.resolve(DataSetFiles.TRUTH_FILE).toFile());
        int crossSource = 0;
        for (JsonNode pair : truth.get("pairs")) {
            Listing a = listingsById.get(pair.get(0).asText());
            Listing b = listingsById.get(pair.get(1).asText());
            assertThat(a.dates().get(0).date()).isEqualTo(b.dates().get(0).date());
            if (!a.sourceCode().equals(b.sourceCode())) {
                crossSource++;
            }
        }
        assertThat(crossSource).isGreaterThan(truth.get("pairs").size() * 9 / 10);
        assertThat(result.stats().get("pairs", "same_source_duplicate")).isPositive();
    }

    @Test
    void hard_negatives_exist_in_the_data_not_only_in_the_stats() throws IOException {
        JsonNode truth = new ObjectMapper().readTree(dataSet.resolve(DataSetFiles.TRUTH_FILE).toFile());
        Map<String, String> entityOf = new HashMap<>();
        truth.get("entities").fields().forEachRemaining(e -> e.getValue().forEach(id -> entityOf.put(id.asText(),
                e.getKey())));
        // same venue name and city on the same day, different events
        Map<String, Set<String>> entitiesAtVenueAndDay = new HashMap<>();
        // same title at the same venue on different days, different events
        Map<String, Set<String>> daysOfTitleAtVenue = new HashMap<>();
        for (Listing listing : listingsById.values()) {
            if (listing.location().name() == null || listing.dates().isEmpty()) {
                continue;
            }
            String venue = listing.location().name() + "|" + listing.location().city();
            EventDate first = listing.dates().get(0);
            entitiesAtVenueAndDay.computeIfAbsent(venue + "|" + first.date(), k -> new HashSet<>())
                    .add(entityOf.get(listing.id()));
            daysOfTitleAtVenue.computeIfAbsent(venue + "|" + listing.title(), k -> new HashSet<>())
                    .add(first.date().toString());
        }
        assertThat(entitiesAtVenueAndDay.values().stream().filter(s -> s.size() > 1).count()).isGreaterThan(20);
        assertThat(daysOfTitleAtVenue.values().stream().filter(s -> s.size() > 1).count()).isGreaterThan(20);
        for (String kind : List.of("same_venue_same_day", "same_title_same_venue_other_day",
                "same_title_same_day_other_town")) {
            assertThat(result.stats().get("hard_negative_entities", kind)).as(kind).isGreaterThan(20);
            assertThat(result.stats().get("hard_negative_pairs", kind)).as(kind).isGreaterThan(20);
        }
    }

    @Test
    void titles_show_the_regions_dialects_prefixes_and_source_styles() {
        List<String> titles = listingsById.values().stream().map(Listing::title).toList();
        String all = String.join("\n", titles).toLowerCase(Locale.ROOT);
        assertThat(List.of("fasnet", "fasnacht", "fastnacht", "fasching", "fasent"))
                .allSatisfy(word -> assertThat(all).contains(word));
        assertThat(all).contains("hemdglunker").contains("hemdklunker");
        assertThat(titles).anySatisfy(t -> assertThat(t).startsWith("Vortrag: "));
        assertThat(titles).anySatisfy(t -> assertThat(t).startsWith("Kommunales Kino"));
        assertThat(titles).anySatisfy(t -> assertThat(t).isUpperCase());
        Map<String, Long> types = new TreeMap<>();
        listingsById.values().forEach(l -> types.merge(l.sourceType(), 1L, Long::sum));
        assertThat(types.keySet()).containsExactly("anzeige", "artikel", "terminliste");
        assertThat(types.get("terminliste")).isGreaterThan(types.get("artikel"));
    }

    @Test
    void listings_vary_in_time_geo_dates_and_descriptions_like_real_feeds() {
        GenerationStats stats = result.stats();
        for (String name : List.of("missing", "shift_15_30", "shift_45_60", "doors")) {
            assertThat(stats.get("time_variation", name)).as(name).isPositive();
        }
        for (String name : List.of("venue", "approx", "centroid", "low_confidence", "missing", "no_location")) {
            assertThat(stats.get("geo", name)).as(name).isPositive();
        }
        assertThat(stats.get("dates", "range")).isPositive();
        assertThat(stats.get("dates", "first_day_only")).isPositive();
        assertThat(listingsById.values()).anySatisfy(l -> assertThat(l.dates()).anySatisfy(
                d -> assertThat(d.endDate()).isNotNull()));
        long noGeo = listingsById.values().stream().filter(l -> l.location().geo() == null).count();
        long lowConfidence = listingsById.values().stream().filter(l -> l.location().geo() != null
                && l.location().geo().confidence() < 0.85).count();
        long noDescription = listingsById.values().stream().filter(l -> l.description() == null).count();
        assertThat(noGeo).isBetween(LISTINGS / 20L, LISTINGS / 3L);
        assertThat(lowConfidence).isBetween(LISTINGS / 20L, LISTINGS / 3L);
        assertThat(noDescription).isBetween(LISTINGS / 10L, LISTINGS * 2 / 3L);
        assertThat(stats.total("sources")).isEqualTo(LISTINGS);
        assertThat(stats.groups().get("sources")).hasSize(Source.values().length);
    }

    @Test
    void block_density_stays_fixed_as_the_size_grows() {
        assertThat(new SyntheticDataGenerator(100_000, 1).days() * 2)
                .isEqualTo(new SyntheticDataGenerator(200_000, 1).days());
        assertThat(new SyntheticDataGenerator(SyntheticDataGenerator.LISTINGS_PER_DAY, 1).days()).isEqualTo(1);
        assertThat(new SyntheticDataGenerator(SyntheticDataGenerator.LISTINGS_PER_DAY + 1, 1).days()).isEqualTo(2);
    }
}
