package org.eventdedup.worker.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Geo;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.Location;

/**
 * Reads one input file (matching-spec B §2.1–2.3, Part A 11–13) into listings, or rejects it with every problem found.
 *
 * <p>Types are checked strictly: a number where a string is expected (or the reverse) is a problem, as in the
 * earlier service's pydantic models for ids and titles. Rejected: invalid JSON, a top level that is not an object,
 * a missing or non-array {@code events}, wrong types, a missing {@code id}/{@code title}/{@code source_type}, an
 * empty id, bad dates ({@code 2026-02-30}) or times ({@code 24:00}), and an id used twice in the file. An event
 * without dates is accepted (see {@link ParsedFile#idsWithoutDates()}). Keys the model has no field for
 * ({@code _batch_index}/{@code batch_index}, {@code _extracted_at}/{@code extracted_at},
 * {@code _sanitizeResult.confidence}) are type-checked and dropped; unknown keys are ignored.
 */
public final class InputFileParser {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The source code of a file: its name (without directories) up to the first underscore, else the whole name. */
    public static String sourceCode(String fileName) {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int underscore = name.indexOf('_');
        return underscore < 0 ? name : name.substring(0, underscore);
    }

    /**
     * @param firstIngestionOrder ingestion order of the file's first event; the following events count up from it
     * @throws InputFileException listing every problem, when the file cannot be ingested
     */
    public ParsedFile parse(String fileName, byte[] content, long firstIngestionOrder) throws InputFileException {
        JsonNode root;
        if (StrictUtf8.startsWithByteOrderMark(content)) {
            throw new InputFileException(fileName, List.of(InputProblem.ofFile("",
                    "Invalid JSON: the file starts with a byte order mark; save it as UTF-8 without one")));
        }
        try (Reader reader = StrictUtf8.reader(content)) {
            root = JSON.readTree(reader);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InputFileException(fileName,
                    List.of(InputProblem.ofFile("", "Invalid JSON: " + describe(e) + where)));
        } catch (CharacterCodingException e) {
            throw new InputFileException(fileName, List.of(InputProblem.ofFile("", "Invalid JSON: not valid UTF-8")));
        } catch (IOException e) {
            throw new InputFileException(fileName, List.of(InputProblem.ofFile("", "Invalid JSON: unreadable")));
        }
        if (root == null || root.isMissingNode()) {
            throw new InputFileException(fileName, List.of(InputProblem.ofFile("", "Invalid JSON: the file is empty")));
        }
        if (!root.isObject()) {
            throw new InputFileException(fileName,
                    List.of(InputProblem.ofFile("", "must be a JSON object, was " + typeOf(root))));
        }

        List<InputProblem> problems = new ArrayList<>();
        unstorableText(root, "", problems);
        if (!problems.isEmpty()) {
            throw new InputFileException(fileName, problems);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        JsonNode metadataNode = root.get("metadata");
        if (metadataNode != null && !metadataNode.isNull()) {
            if (metadataNode.isObject()) {
                metadata = JSON.convertValue(metadataNode, new TypeReference<LinkedHashMap<String, Object>>() { });
            } else {
                problems.add(InputProblem.ofFile("/metadata", "must be an object, was " + typeOf(metadataNode)));
            }
        }
        JsonNode rejected = root.get("rejected");
        if (rejected != null && !rejected.isNull() && !rejected.isArray()) {
            problems.add(InputProblem.ofFile("/rejected", "must be an array, was " + typeOf(rejected)));
        }

        JsonNode events = root.get("events");
        List<Listing> listings = new ArrayList<>();
        if (events == null || events.isNull()) {
            problems.add(InputProblem.ofFile("/events", "is required (an array of events)"));
        } else if (!events.isArray()) {
            problems.add(InputProblem.ofFile("/events", "must be an array, was " + typeOf(events)));
        } else {
            String sourceCode = sourceCode(fileName);
            Map<String, Integer> firstIndexOfId = new HashMap<>();
            for (int i = 0; i < events.size(); i++) {
                EventReader reader = new EventReader(events.get(i), i, problems);
                Listing listing = reader.read(sourceCode, firstIngestionOrder + i);
                String id = reader.id;
                if (id != null && !id.isBlank()) {
                    Integer first = firstIndexOfId.putIfAbsent(id, i);
                    if (first != null) {
                        problems.add(new InputProblem(i, id, "/events/" + i + "/id",
                                "duplicate id, already used by /events/" + first));
                    }
                }
                if (listing != null) {
                    listings.add(listing);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InputFileException(fileName, problems);
        }
        return new ParsedFile(fileName, sourceCode(fileName), metadata, listings);
    }

    /**
     * The parser's complaint in words, without the class and setting names Jackson quotes in backticks (they mean
     * nothing to whoever made the file, and an upload's answer must not show them).
     */
    static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Trailing token")) {
            return "content after the JSON value";
        }
        if (original.contains("nesting depth")) {
            return "nested too deeply";
        }
        if (original.contains("Number value length") || original.contains("number length")) {
            return "a number has too many digits";
        }
        if (original.contains("String value length")) {
            return "a string is too long";
        }
        if (original.startsWith("Duplicate")) {
            return "duplicate key: " + BACKTICKED.matcher(original).replaceAll("").strip();
        }
        String cleaned = BACKTICKED_CLAUSE.matcher(original).replaceAll("");
        cleaned = BACKTICKED.matcher(cleaned).replaceAll("").strip();
        return cleaned.length() > 200 ? cleaned.substring(0, 200) + "…" : cleaned;
    }

    private static final Pattern BACKTICKED_CLAUSE = Pattern.compile("\\s*\\([^()]*`[^()]*\\)");
    private static final Pattern BACKTICKED = Pattern.compile("`[^`]*`");

    /**
     * Text PostgreSQL cannot store (NUL) or that is not Unicode at all (an unpaired surrogate, from a lone surrogate
     * escape), in any key or string of the file: such a file would pass here and fail every run that stores it.
     */
    private static void unstorableText(JsonNode node, String at, List<InputProblem> problems) {
        if (node.isTextual()) {
            String problem = textProblem(node.textValue());
            if (problem != null) {
                problems.add(InputProblem.ofFile(at, problem));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unstorableText(node.get(i), at + "/" + i, problems);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String path = at + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                String problem = textProblem(field.getKey());
                if (problem != null) {
                    problems.add(InputProblem.ofFile(path, "key " + problem));
                } else {
                    unstorableText(field.getValue(), path, problems);
                }
            }
        }
    }

    private static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain NUL (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text (found an unpaired surrogate)";
            }
        }
        return null;
    }

    private static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Reads one event object, adding a problem for every bad value; {@link #read} returns null if any was found. */
    private static final class EventReader {
        private final JsonNode event;
        private final int index;
        private final String base;
        private final List<InputProblem> problems;
        private final int problemsBefore;
        String id;

        EventReader(JsonNode event, int index, List<InputProblem> problems) {
            this.event = event;
            this.index = index;
            this.base = "/events/" + index;
            this.problems = problems;
            this.problemsBefore = problems.size();
        }

        Listing read(String sourceCode, long ingestionOrder) {
            if (!event.isObject()) {
                problem(base, "must be an object, was " + typeOf(event));
                return null;
            }
            JsonNode idNode = event.get("id");
            id = idNode != null && idNode.isTextual() ? idNode.asText() : null;
            String checkedId = requiredString(event, "id", base);
            if (checkedId != null && checkedId.isBlank()) {
                problem(base + "/id", "must not be empty");
            }
            String title = requiredString(event, "title", base);
            String sourceType = requiredString(event, "source_type", base);
            String shortDescription = optionalString(event, "short_description", base);
            String description = optionalString(event, "description", base);
            List<String> highlights = stringList(event, "highlights", base);
            List<String> categories = stringList(event, "categories", base);
            Boolean family = optionalBoolean(event, "is_family_event", base);
            Boolean child = optionalBoolean(event, "is_child_focused", base);
            Boolean free = optionalBoolean(event, "admission_free", base);
            Boolean registration = optionalBoolean(event, "registration_required", base);
            String contact = optionalString(event, "registration_contact", base);
            Double confidence = optionalNumber(event, "confidence_score", base);
            optionalInteger(event, "_batch_index", base);
            optionalInteger(event, "batch_index", base);
            optionalString(event, "_extracted_at", base);
            optionalString(event, "extracted_at", base);
            Location location = location();
            List<EventDate> dates = dates();
            if (problems.size() > problemsBefore) {
                return null;
            }
            return new Listing(id, sourceCode, sourceType, title, shortDescription, description, highlights,
                    location, dates, categories, family, child, free, registration, contact, confidence,
                    ingestionOrder);
        }

        private Location location() {
            JsonNode node = event.get("location");
            String at = base + "/location";
            if (node == null || node.isNull()) {
                return Location.NONE;
            }
            if (!node.isObject()) {
                problem(at, "must be an object or null, was " + typeOf(node));
                return Location.NONE;
            }
            String name = optionalString(node, "name", at);
            String city = optionalString(node, "city", at);
            String district = optionalString(node, "district", at);
            String street = optionalString(node, "street", at);
            String streetNo = optionalString(node, "street_no", at);
            String zipcode = optionalString(node, "zipcode", at);

            JsonNode sanitized = node.get("_sanitizeResult");
            String sanitizedAt = at + "/_sanitizeResult";
            if (sanitized != null && !sanitized.isNull()) {
                if (!sanitized.isObject()) {
                    problem(sanitizedAt, "must be an object or null, was " + typeOf(sanitized));
                } else {
                    String sanitizedCity = optionalString(sanitized, "city", sanitizedAt);
                    optionalString(sanitized, "district", sanitizedAt); // the sanitised district is not used (B §2.3)
                    optionalNumber(sanitized, "confidence", sanitizedAt);
                    if (sanitizedCity != null && !sanitizedCity.isBlank()) {
                        city = sanitizedCity; // the sanitised city takes priority
                    }
                }
            }

            Geo geo = null;
            JsonNode geoNode = node.get("geo");
            String geoAt = at + "/geo";
            if (geoNode != null && !geoNode.isNull()) {
                if (!geoNode.isObject()) {
                    problem(geoAt, "must be an object or null, was " + typeOf(geoNode));
                } else {
                    Double latitude = optionalNumber(geoNode, "latitude", geoAt);
                    Double longitude = optionalNumber(geoNode, "longitude", geoAt);
                    Double geoConfidence = optionalNumber(geoNode, "confidence", geoAt);
                    String country = optionalString(geoNode, "country", geoAt);
                    if (latitude != null && longitude != null) {
                        geo = new Geo(latitude, longitude, geoConfidence, country);
                    }
                }
            }
            return new Location(name, city, district, street, streetNo, zipcode, geo);
        }

        private List<EventDate> dates() {
            JsonNode node = event.get("event_dates");
            String at = base + "/event_dates";
            List<EventDate> dates = new ArrayList<>();
            if (node == null || node.isNull()) {
                return dates;
            }
            if (!node.isArray()) {
                problem(at, "must be an array, was " + typeOf(node));
                return dates;
            }
            for (int k = 0; k < node.size(); k++) {
                JsonNode entry = node.get(k);
                String entryAt = at + "/" + k;
                if (!entry.isObject()) {
                    problem(entryAt, "must be an object, was " + typeOf(entry));
                    continue;
                }
                LocalDate date = date(entry, "date", entryAt, true);
                LocalTime start = time(entry, "start_time", entryAt);
                LocalTime end = time(entry, "end_time", entryAt);
                LocalDate endDate = date(entry, "end_date", entryAt, false);
                if (date != null) {
                    dates.add(new EventDate(date, start, end, endDate));
                }
            }
            return dates;
        }

        private LocalDate date(JsonNode entry, String key, String at, boolean required) {
            String value = required ? requiredString(entry, key, at) : optionalString(entry, key, at);
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE); // strict: 2026-02-30 fails
            } catch (DateTimeParseException e) {
                problem(at + "/" + key, "must be a date YYYY-MM-DD, was \"" + value + "\"");
                return null;
            }
        }

        /**
         * B §2.3: null or empty gives null; otherwise the trimmed value split on ':' is read as HH:MM or HH:MM:SS; any
         * other number of parts gives null without a problem ("14"); non-integers or out-of-range parts are problems.
         */
        private LocalTime time(JsonNode entry, String key, String at) {
            String value = optionalString(entry, key, at);
            if (value == null || value.isEmpty()) {
                return null;
            }
            String[] parts = value.trim().split(":", -1);
            if (parts.length != 2 && parts.length != 3) {
                return null;
            }
            int[] numbers = new int[3];
            for (int p = 0; p < parts.length; p++) {
                try {
                    numbers[p] = Integer.parseInt(parts[p].trim());
                } catch (NumberFormatException e) {
                    problem(at + "/" + key, "must be a time HH:MM or HH:MM:SS, was \"" + value + "\"");
                    return null;
                }
            }
            if (numbers[0] < 0 || numbers[0] > 23 || numbers[1] < 0 || numbers[1] > 59
                    || numbers[2] < 0 || numbers[2] > 59) {
                problem(at + "/" + key, "is not a time of day (00:00 to 23:59:59), was \"" + value + "\"");
                return null;
            }
            return LocalTime.of(numbers[0], numbers[1], numbers[2]);
        }

        private String requiredString(JsonNode object, String key, String at) {
            JsonNode node = object.get(key);
            if (node == null || node.isNull()) {
                problem(at + "/" + key, "is required (a string)");
                return null;
            }
            if (!node.isTextual()) {
                problem(at + "/" + key, "must be a string, was " + typeOf(node));
                return null;
            }
            return node.asText();
        }

        private String optionalString(JsonNode object, String key, String at) {
            JsonNode node = object.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                problem(at + "/" + key, "must be a string or null, was " + typeOf(node));
                return null;
            }
            return node.asText();
        }

        private Boolean optionalBoolean(JsonNode object, String key, String at) {
            JsonNode node = object.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isBoolean()) {
                problem(at + "/" + key, "must be true, false or null, was " + typeOf(node));
                return null;
            }
            return node.booleanValue();
        }

        private Double optionalNumber(JsonNode object, String key, String at) {
            JsonNode node = object.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isNumber()) {
                problem(at + "/" + key, "must be a number or null, was " + typeOf(node));
                return null;
            }
            return node.doubleValue();
        }

        private void optionalInteger(JsonNode object, String key, String at) {
            JsonNode node = object.get(key);
            if (node != null && !node.isNull() && !(node.isIntegralNumber()
                    || node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue()))) {
                problem(at + "/" + key, "must be an integer or null, was " + node);
            }
        }

        private List<String> stringList(JsonNode object, String key, String at) {
            JsonNode node = object.get(key);
            List<String> values = new ArrayList<>();
            if (node == null || node.isNull()) {
                return values;
            }
            if (!node.isArray()) {
                problem(at + "/" + key, "must be an array of strings or null, was " + typeOf(node));
                return values;
            }
            for (int k = 0; k < node.size(); k++) {
                JsonNode item = node.get(k);
                if (!item.isTextual()) {
                    problem(at + "/" + key + "/" + k, "must be a string, was " + typeOf(item));
                } else {
                    values.add(item.asText());
                }
            }
            return values;
        }

        private void problem(String field, String reason) {
            problems.add(new InputProblem(index, id, field, reason));
        }
    }
}
