package org.eventdedup.config.adapter.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eventdedup.config.domain.rule.DocumentShape;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns one YAML document into a JSON-like tree (maps, lists, strings, Integer/Long/BigInteger, BigDecimal for
 * floats, booleans, null) with a JSON pointer → line map. Streaming rather than {@code readTree} because only the
 * parser still knows where each key stood, and because duplicate keys must be caught, not silently overwritten.
 * One instance per parse.
 */
final class YamlTreeParser {

    // immutable once built, so shared; explicit because the builder's default reads "key:" (no value) as "", not null
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NOT_A_NUMBER = Pattern.compile("\\.(nan|NaN|NAN)");

    private final YAMLParser parser;
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    private YamlTreeParser(YAMLParser parser) {
        this.parser = parser;
    }

    /**
     * @return the document, or empty when it holds nothing (empty file, only comments, a bare {@code ---} or {@code ~})
     * @throws ParseFailure with every problem found, when the document is not usable
     */
    static Optional<LocatedTree> parse(Reader reader) throws IOException {
        try (YAMLParser parser = (YAMLParser) YAML.createParser(reader)) {
            return new YamlTreeParser(parser).document();
        }
    }

    private Optional<LocatedTree> document() throws IOException {
        try {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL && !parser.isCurrentAlias()) {
                return Optional.empty();
            }
            int rootLine = line();
            Object root = value(first, "");
            if (!(root instanceof Map<?, ?>)) {
                problems.add(new Problem(rootLine, "/", "the top level must be a mapping of config sections, got "
                        + kind(root)));
            }
            if (parser.nextToken() != null) {
                problems.add(new Problem(line(), "", "only one YAML document is allowed (a second one starts here)"));
            }
            if (!problems.isEmpty()) {
                throw new ParseFailure(problems);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = (Map<String, Object>) root;
            return Optional.of(new LocatedTree(tree, lines));
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(e));
            throw new ParseFailure(problems);
        }
    }

    private Object value(JsonToken token, String pointer) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(pointer);
            case START_ARRAY -> array(pointer);
            case VALUE_STRING -> string(pointer);
            case VALUE_NUMBER_INT -> number(pointer, false);
            case VALUE_NUMBER_FLOAT -> number(pointer, true);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("unexpected YAML token " + token);
        };
    }

    private Map<String, Object> object(String pointer) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            String keyPointer = DocumentShape.pointer(pointer, key);
            int keyLine = line();
            Integer firstLine = map.containsKey(key) ? lines.get(keyPointer) : null;
            Object value = value(parser.nextToken(), keyPointer);
            if (firstLine != null) {
                problems.add(new Problem(keyLine, keyPointer, "duplicate key (first defined on line " + firstLine
                        + ")"));
            } else {
                lines.put(keyPointer, keyLine);
                map.put(key, value);
            }
        }
        return map;
    }

    private List<Object> array(String pointer) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            String itemPointer = pointer + "/" + list.size();
            lines.put(itemPointer, line());
            list.add(value(t, itemPointer));
        }
        return list;
    }

    private String string(String pointer) throws IOException {
        if (parser.isCurrentAlias()) {
            // Jackson hands over an alias as its anchor's name, which would be read as the value
            problems.add(new Problem(line(), pointer, "YAML aliases (*" + parser.getText() + ") are not supported"));
        }
        return parser.getText();
    }

    private Object number(String pointer, boolean floating) throws IOException {
        String text = parser.getText();
        if (floating && INFINITY.matcher(text).matches()) {
            // kept as a number so that validation reports it as not finite, like any other non-finite value
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (floating && NOT_A_NUMBER.matcher(text).matches()) {
            return Double.NaN;
        }
        try {
            return floating ? parser.getDecimalValue() : parser.getNumberValue();
        } catch (JsonProcessingException | NumberFormatException e) {
            problems.add(new Problem(line(), pointer, "is not a valid number: " + text));
            return text;
        }
    }

    private int line() {
        JsonLocation location = parser.currentTokenLocation();
        return location == null ? 0 : location.getLineNr();
    }

    private static Problem syntaxProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
            return new Problem(marked.getProblemMark().getLine() + 1, "",
                    "YAML syntax error: " + marked.getProblem() + context);
        }
        JsonLocation location = e.getLocation();
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        // the first line is the reason; the rest would repeat a snippet of the file
        return new Problem(location == null ? 0 : location.getLineNr(), "",
                "YAML syntax error: " + message.lines().findFirst().orElse(message));
    }

    private static String kind(Object value) {
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return value == null ? "null" : "a boolean";
    }

    /** The document cannot be turned into a tree; carries every problem found. */
    static final class ParseFailure extends RuntimeException {
        private final transient List<Problem> problems;

        ParseFailure(List<Problem> problems) {
            super(problems.size() + " problem(s) in YAML document", null, false, false);
            this.problems = List.copyOf(problems);
        }

        List<Problem> problems() {
            return problems;
        }
    }
}
