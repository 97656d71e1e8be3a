package org.eventdedup.worker.adapter.files;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.matching.text.Lexicon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the project's word lists — {@code prefixes.yaml}, {@code synonyms.yaml}, {@code city_aliases.yaml}
 * (matching-spec B §3.2–3.4) — into the engine's {@link Lexicon}. Every problem is reported as a
 * {@link LexiconLoadException} naming the file and the entry ({@code synonyms.yaml: synonym_groups.fastnacht[2]: ...}).
 * {@code city_aliases.yaml} may also be the earlier service's flat map; prefixes and synonyms have one shape in both.
 * A missing or empty file contributes nothing (B §14 S2) and is logged as a warning; unknown top-level keys, wrong
 * types, duplicate keys and entries the lexicon rejects are errors.
 */
public final class YamlLexiconLoader {

    public static final String PREFIXES_FILE = "prefixes.yaml";
    public static final String SYNONYMS_FILE = "synonyms.yaml";
    public static final String CITY_ALIASES_FILE = "city_aliases.yaml";
    private static final String CITY_ALIASES_KEY = "city_aliases";

    private static final Logger LOG = LoggerFactory.getLogger(YamlLexiconLoader.class);

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Loads the three files with their standard names from {@code directory} (e.g. {@code config/}). */
    public Lexicon loadFrom(Path directory) {
        return load(directory.resolve(PREFIXES_FILE), directory.resolve(SYNONYMS_FILE),
                directory.resolve(CITY_ALIASES_FILE));
    }

    public Lexicon load(Path prefixesFile, Path synonymsFile, Path cityAliasesFile) {
        Lexicon.Builder builder = Lexicon.builder();
        readPrefixes(prefixesFile, builder);
        readSynonyms(synonymsFile, builder);
        readCityAliases(cityAliasesFile, builder);
        return builder.build();
    }

    private void readPrefixes(Path file, Lexicon.Builder builder) {
        JsonNode root = readRoot(file, Set.of("dash_prefixes", "colon_prefixes", "generic_prefixes"));
        addPrefixes(file, root, "dash_prefixes", builder::dashPrefix);
        addPrefixes(file, root, "colon_prefixes", builder::colonPrefix);
        addPrefixes(file, root, "generic_prefixes", builder::genericPrefix);
    }

    private static void addPrefixes(Path file, JsonNode root, String key, java.util.function.Consumer<String> add) {
        JsonNode list = root.path(key);
        if (list.isMissingNode() || list.isNull()) {
            return;
        }
        for (int i = 0; i < requireList(file, key, list).size(); i++) {
            String entry = key + "[" + i + "]";
            String prefix = requireText(file, entry, list.get(i));
            apply(file, entry, () -> add.accept(prefix));
        }
    }

    private void readSynonyms(Path file, Lexicon.Builder builder) {
        JsonNode groups = readRoot(file, Set.of("synonym_groups")).path("synonym_groups");
        if (groups.isMissingNode() || groups.isNull()) {
            return;
        }
        requireMap(file, "synonym_groups", groups);
        for (Iterator<Map.Entry<String, JsonNode>> it = groups.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> group = it.next();
            String entry = "synonym_groups." + group.getKey();
            JsonNode variants = group.getValue();
            List<String> values = new ArrayList<>();
            if (!variants.isNull()) {
                requireList(file, entry, variants);
                for (int i = 0; i < variants.size(); i++) {
                    values.add(requireText(file, entry + "[" + i + "]", variants.get(i)));
                }
            }
            apply(file, entry, () -> builder.synonymGroup(group.getKey(), values));
        }
    }

    /**
     * Two shapes: ours, {@code city_aliases: {district: parent}}, and the earlier service's flat {@code {district:
     * parent}} (matching-spec B §3.4), so an operator moving over keeps their file. A root whose only key is
     * {@code city_aliases} holding a mapping (or nothing) is ours; any other mapping is flat.
     */
    private void readCityAliases(Path file, Lexicon.Builder builder) {
        JsonNode root = readMapping(file, "city aliases");
        JsonNode wrapped = root.path(CITY_ALIASES_KEY);
        boolean isWrapped = wrapped.isObject() || wrapped.isNull();
        if (isWrapped && root.size() > 1) {
            throw problem(file, CITY_ALIASES_KEY, "a file holds either '" + CITY_ALIASES_KEY
                    + ":' with the aliases under it or the aliases alone (district: parent), not both");
        }
        JsonNode aliases = isWrapped ? wrapped : root;
        if (aliases.isNull()) {
            return;
        }
        String prefix = isWrapped ? CITY_ALIASES_KEY + "." : "";
        for (Iterator<Map.Entry<String, JsonNode>> it = aliases.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> alias = it.next();
            String entry = prefix + alias.getKey();
            String parent = requireText(file, entry, alias.getValue());
            apply(file, entry, () -> builder.cityAlias(alias.getKey(), parent));
        }
    }

    private JsonNode readRoot(Path file, Set<String> allowedKeys) {
        JsonNode root = readMapping(file, allowedKeys.toString());
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedKeys.contains(name)) {
                throw problem(file, name, "unknown key; expected one of " + allowedKeys);
            }
        }
        return root;
    }

    /** The file's top-level mapping; an empty one for a missing or empty file. */
    private JsonNode readMapping(Path file, String expected) {
        if (!Files.exists(file)) {
            LOG.warn("lexicon file {} does not exist; its list stays empty", file);
            return yaml.createObjectNode();
        }
        JsonNode root;
        try {
            root = yaml.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new LexiconLoadException(file + ": invalid YAML: " + e.getOriginalMessage()
                    + location(e), e);
        } catch (IOException e) {
            throw new LexiconLoadException(file + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            LOG.warn("lexicon file {} is empty; its list stays empty", file);
            return yaml.createObjectNode();
        }
        if (!root.isObject()) {
            throw problem(file, "(top level)", "expected a mapping with " + expected + ", got " + describe(root));
        }
        return root;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static JsonNode requireList(Path file, String entry, JsonNode node) {
        if (!node.isArray()) {
            throw problem(file, entry, "expected a list, got " + describe(node));
        }
        return node;
    }

    private static void requireMap(Path file, String entry, JsonNode node) {
        if (!node.isObject()) {
            throw problem(file, entry, "expected a mapping, got " + describe(node));
        }
    }

    private static String requireText(Path file, String entry, JsonNode node) {
        if (!node.isTextual()) {
            throw problem(file, entry, "expected a text, got " + describe(node)
                    + (node.isValueNode() ? " (quote it)" : ""));
        }
        return node.textValue();
    }

    private static void apply(Path file, String entry, Runnable add) {
        try {
            add.run();
        } catch (IllegalArgumentException e) {
            throw problem(file, entry, e.getMessage());
        }
    }

    private static String describe(JsonNode node) {
        if (node.isNull()) {
            return "nothing";
        }
        String type = node.isObject() ? "a mapping" : node.isArray() ? "a list" : node.isBoolean() ? "a boolean"
                : node.isNumber() ? "a number" : "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return node.isValueNode() ? type + " (" + node.asText() + ")" : type;
    }

    private static LexiconLoadException problem(Path file, String entry, String message) {
        return new LexiconLoadException(file + ": " + entry + ": " + message, null);
    }
}
