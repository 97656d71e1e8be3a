package org.eventdedup.worker.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Geo;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputFileParserTest {

    private static final String BWB = "bwb_11.02.2026_2026-02-11T20-46-41-776Z.json";

    private final InputFileParser parser = new InputFileParser();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "bwb_11.02.2026_2026-02-11T20-46-41-776Z.json, bwb",
            "emt_18.02.2026_x.json, emt",
            "rkb_18.02.2026_….json, rkb",
            "amt-2026-01-08.json, amt-2026-01-08.json",
            "/data/in/otb_2026.json, otb",
            "_odd.json, ''"})
    void the_source_code_is_the_file_name_up_to_the_first_underscore(String fileName, String sourceCode) {
        assertThat(InputFileParser.sourceCode(fileName)).isEqualTo(sourceCode);
    }

    @Test
    void a_valid_file_gives_listings_with_every_field_mapped() throws Exception {
        ParsedFile file = parse("valid/" + BWB, 100);

        assertThat(file.fileName()).isEqualTo(BWB);
        assertThat(file.sourceCode()).isEqualTo("bwb");
        assertThat(file.listings()).extracting(Listing::id, Listing::ingestionOrder)
                .containsExactly(tuple("pdf-9d58bea1-1-6", 100L), tuple("pdf-9d58bea1-1-7", 101L),
                        tuple("pdf-9d58bea1-1-8", 102L));
        Listing first = file.listings().get(0);
        assertThat(first).isEqualTo(new Listing("pdf-9d58bea1-1-6", "bwb", "artikel",
                "Nordwiler Narrenfahrplan - Kita-Gizig-Umzug", "Umzug der Kita-Kinder",
                "Die Kinder der Kita ziehen durch den Ort.", List.of("Gizig", "Musik"),
                // the sanitised city wins; the district stays the raw one
                new Location("Dorfplatz", "Kenzingen", "Nordweil-Ost", "Hauptstr.", "5", "79341",
                        new Geo(48.19, 7.81, 0.95, "DE")),
                List.of(new EventDate(LocalDate.of(2026, 2, 12), LocalTime.of(14, 0), LocalTime.of(16, 30, 15), null),
                        // " 09:05 " is trimmed; "14" has one part and gives no time, without an error
                        new EventDate(LocalDate.of(2026, 2, 13), LocalTime.of(9, 5), null, LocalDate.of(2026, 2, 15)),
                        new EventDate(LocalDate.of(2026, 2, 14), null, null, null)),
                List.of("fasnacht", "kinder"), true, false, null, false, "info@example.org", 0.87, 100));
    }

    @Test
    void an_empty_sanitised_city_falls_back_and_half_coordinates_give_no_geo() throws Exception {
        Listing second = parse("valid/" + BWB, 0).listings().get(1);

        assertThat(second.location()).isEqualTo(new Location("Rathaus", "Waldkirch", null, null, null, null, null));
        assertThat(second.dates()).containsExactly(new EventDate(LocalDate.of(2026, 2, 12), null, null, null));
    }

    @Test
    void an_event_without_dates_or_optional_fields_is_accepted_and_reported() throws Exception {
        ParsedFile file = parse("valid/" + BWB, 0);
        Listing third = file.listings().get(2);

        assertThat(third.title()).isEmpty();
        assertThat(third.location()).isEqualTo(Location.NONE);
        assertThat(third.highlights()).isEmpty();
        assertThat(third.categories()).isEmpty();
        assertThat(file.idsWithoutDates()).containsExactly("pdf-9d58bea1-1-8");
    }

    @Test
    void the_metadata_object_is_kept_as_it_is() throws Exception {
        Map<String, Object> metadata = parse("valid/" + BWB, 0).metadata();

        assertThat(metadata).containsEntry("processedAt", "2026-02-11T20:46:41.776Z")
                .containsEntry("sourceKey", "bwb").containsEntry("pages", 3).containsEntry("note", null);
        assertThat(parse("valid/emt_18.02.2026_empty.json", 0).metadata()).isEmpty();
    }

    @Test
    void invalid_json_is_rejected_with_a_message_naming_the_file() { // B §14 I2
        InputFileException e = reject("invalid/bad_json.json");

        assertThat(e.fileName()).isEqualTo("bad_json.json");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.eventIndex()).isEqualTo(-1);
            assertThat(p.field()).isEmpty();
            assertThat(p.reason()).startsWith("Invalid JSON");
        });
        assertThat(e.getMessage()).startsWith("bad_json.json rejected, 1 problem: document: Invalid JSON");
    }

    @Test
    void an_empty_file_and_trailing_garbage_are_invalid_json() {
        assertThatThrownBy(() -> parser.parse("x.json", new byte[0], 0))
                .isInstanceOf(InputFileException.class).hasMessageContaining("Invalid JSON");
        assertThatThrownBy(() -> parser.parse("x.json", "{\"events\": []} {}".getBytes(StandardCharsets.UTF_8), 0))
                .isInstanceOf(InputFileException.class).hasMessageContaining("Invalid JSON");
    }

    @Test
    void a_top_level_that_is_not_an_object_is_rejected() {
        assertThat(reject("invalid/top_level_array.json").problems())
                .containsExactly(new InputProblem(-1, null, "", "must be a JSON object, was array"));
    }

    @Test
    void a_file_without_events_is_rejected() {
        assertThat(reject("invalid/no_events.json").problems())
                .containsExactly(new InputProblem(-1, null, "/events", "is required (an array of events)"));
    }

    @Test
    void every_envelope_problem_is_listed() {
        assertThat(reject("invalid/many_problems.json").problems()).containsExactly(
                new InputProblem(-1, null, "/metadata", "must be an object, was string"),
                new InputProblem(-1, null, "/events", "must be an array, was object"));
    }

    @Test
    void every_event_problem_is_listed_with_its_index_id_and_field() {
        InputFileException e = reject("invalid/bad_events.json");

        assertThat(e.problems()).extracting(InputProblem::eventIndex, InputProblem::eventId, InputProblem::field)
                .containsExactly(
                        tuple(1, null, "/events/1/id"),
                        tuple(2, null, "/events/2/id"),
                        tuple(3, "", "/events/3/id"),
                        tuple(4, "no-title", "/events/4/title"),
                        tuple(5, "no-type", "/events/5/source_type"),
                        tuple(6, "bad-dates", "/events/6/event_dates/0/date"),
                        tuple(6, "bad-dates", "/events/6/event_dates/1/date"),
                        tuple(6, "bad-dates", "/events/6/event_dates/2/start_time"),
                        tuple(6, "bad-dates", "/events/6/event_dates/3/end_time"),
                        tuple(6, "bad-dates", "/events/6/event_dates/4/date"),
                        tuple(6, "bad-dates", "/events/6/event_dates/5/end_date"),
                        tuple(6, "bad-dates", "/events/6/event_dates/6"),
                        tuple(7, "bad-types", "/events/7/title"),
                        tuple(7, "bad-types", "/events/7/description"),
                        tuple(7, "bad-types", "/events/7/highlights"),
                        tuple(7, "bad-types", "/events/7/categories/1"),
                        tuple(7, "bad-types", "/events/7/is_family_event"),
                        tuple(7, "bad-types", "/events/7/confidence_score"),
                        tuple(7, "bad-types", "/events/7/_batch_index"),
                        tuple(7, "bad-types", "/events/7/location/city"),
                        tuple(7, "bad-types", "/events/7/location/geo/latitude"),
                        tuple(7, "bad-types", "/events/7/event_dates"),
                        tuple(8, "ok-1", "/events/8/id"),
                        tuple(9, null, "/events/9"));
        assertThat(e.problems()).extracting(InputProblem::reason).contains(
                "must be a string, was number",
                "is required (a string)",
                "must not be empty",
                "must be a date YYYY-MM-DD, was \"2026-02-30\"",
                "is not a time of day (00:00 to 23:59:59), was \"24:00\"",
                "must be a time HH:MM or HH:MM:SS, was \"ab:cd\"",
                "duplicate id, already used by /events/0",
                "must be an object, was string");
        assertThat(e.getMessage()).contains("24 problems",
                "/events/6/event_dates/0/date (event 6, id \"bad-dates\"): must be a date YYYY-MM-DD");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(value = {
            "10:00 | 10:00", "07:05:09 | 07:05:09", "23:59 | 23:59", "0:0 | 00:00", "'' | null", "14 | null",
            "1:2:3:4 | null"}, delimiter = '|')
    void times_follow_the_earlier_parsing_rules(String value, String expected) throws Exception {
        String json = "{\"events\": [{\"id\": \"t\", \"title\": \"T\", \"source_type\": \"artikel\", "
                + "\"event_dates\": [{\"date\": \"2026-02-12\", \"start_time\": \"" + value + "\"}]}]}";

        Listing listing = parser.parse("t.json", json.getBytes(StandardCharsets.UTF_8), 0).listings().get(0);

        assertThat(String.valueOf(listing.dates().get(0).startTime())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"24:00", "12:60", "12:00:60", "-1:00", "12:", "aa:00", "12:3x"})
    void out_of_range_or_non_numeric_times_reject_the_file(String value) {
        String json = "{\"events\": [{\"id\": \"t\", \"title\": \"T\", \"source_type\": \"artikel\", "
                + "\"event_dates\": [{\"date\": \"2026-02-12\", \"end_time\": \"" + value + "\"}]}]}";

        InputFileException e = catchThrowableOfType(InputFileException.class,
                () -> parser.parse("t.json", json.getBytes(StandardCharsets.UTF_8), 0));

        assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("/events/0/event_dates/0/end_time"));
    }

    @Test
    void every_in_repo_fixture_and_every_sample_file_is_read_as_expected() throws Exception {
        Path fixtures = resource("valid");
        List<Path> valid = list(fixtures);
        List<Path> invalid = list(resource("invalid"));
        assertThat(valid).hasSize(3);
        assertThat(invalid).hasSize(5);
        long order = 0;
        int listings = 0;
        for (Path path : valid) {
            ParsedFile file = parser.parse(path.getFileName().toString(), Files.readAllBytes(path), order);
            order += file.listings().size();
            listings += file.listings().size();
        }
        assertThat(listings).isEqualTo(4);
        for (Path path : invalid) {
            assertThatThrownBy(() -> parser.parse(path.getFileName().toString(), Files.readAllBytes(path), 0))
                    .isInstanceOf(InputFileException.class);
        }

        Path sample = Path.of("..", "..", "shared", "data", "sample", "input");
        Path sampleFromRoot = Path.of("..", "shared", "data", "sample", "input");
        Path dir = Files.isDirectory(sample) ? sample : Files.isDirectory(sampleFromRoot) ? sampleFromRoot : null;
        if (dir == null) {
            System.out.println("InputFileParserTest: ../shared/data/sample/input not found; "
                    + "only the in-repo fixtures were parsed");
            return;
        }
        List<Path> files = list(dir);
        assertThat(files).isNotEmpty();
        int sampleListings = 0;
        for (Path path : files) {
            ParsedFile file = parser.parse(path.getFileName().toString(), Files.readAllBytes(path), sampleListings);
            assertThat(file.listings()).allSatisfy(l -> assertThat(l.sourceType()).isNotBlank());
            sampleListings += file.listings().size();
        }
        Path stats = dir.resolveSibling("stats.json");
        if (Files.exists(stats)) {
            int expected = new ObjectMapper().readTree(stats.toFile()).path("listings").asInt(-1);
            assertThat(sampleListings).isEqualTo(expected);
        }
        System.out.println("InputFileParserTest: parsed " + files.size() + " sample files, " + sampleListings
                + " listings");
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private ParsedFile parse(String resource, long firstIngestionOrder) throws Exception {
        Path path = resource(resource);
        return parser.parse(path.getFileName().toString(), Files.readAllBytes(path), firstIngestionOrder);
    }

    private InputFileException reject(String resource) {
        Path path = resource(resource);
        return catchThrowableOfType(InputFileException.class,
                () -> parser.parse(path.getFileName().toString(), Files.readAllBytes(path), 0));
    }

    private static Path resource(String name) {
        try {
            return Path.of(InputFileParserTest.class.getResource("/input/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
