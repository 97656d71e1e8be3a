package org.eventdedup.matching.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's word lists (matching-spec B §3.2–3.4): title prefixes, dialect synonyms and city aliases. Immutable;
 * built with {@link #builder()}, which checks every entry as it is added (so a loader knows which file and entry a
 * problem comes from) and normalises synonym and alias keys and values with {@code normalize_text}.
 */
public final class Lexicon {

    /** Separators that must follow a dash or generic prefix, tried in this order. */
    public static final List<String> DASH_SEPARATORS = List.of(" - ", " -- ", " – ", " — ");
    /** The separator that must follow a colon prefix. */
    public static final String COLON_SEPARATOR = ": ";

    public static final Lexicon EMPTY = builder().build();

    private final List<String> dashPrefixes;
    private final List<String> colonPrefixes;
    private final List<String> genericPrefixes;
    /** Prefix + separator patterns in matching order (dash, colon, generic; file order; separators in order). */
    private final List<String> prefixPatterns;
    private final String[] synonymVariants;
    private final String[] synonymCanonicals;
    private final Map<String, String> cityAliases;

    private Lexicon(Builder builder) {
        this.dashPrefixes = List.copyOf(builder.dashPrefixes);
        this.colonPrefixes = List.copyOf(builder.colonPrefixes);
        this.genericPrefixes = List.copyOf(builder.genericPrefixes);
        List<String> patterns = new ArrayList<>();
        for (String prefix : dashPrefixes) {
            DASH_SEPARATORS.forEach(separator -> patterns.add(prefix + separator));
        }
        colonPrefixes.forEach(prefix -> patterns.add(prefix + COLON_SEPARATOR));
        for (String prefix : genericPrefixes) {
            DASH_SEPARATORS.forEach(separator -> patterns.add(prefix + separator));
        }
        this.prefixPatterns = List.copyOf(patterns);
        // longest first; List.sort is stable, so equal lengths keep file order (B §3.3)
        List<Map.Entry<String, String>> synonyms = new ArrayList<>(builder.synonyms.entrySet());
        synonyms.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> CodePoints.length(e.getKey()))
                .reversed());
        this.synonymVariants = synonyms.stream().map(Map.Entry::getKey).toArray(String[]::new);
        this.synonymCanonicals = synonyms.stream().map(Map.Entry::getValue).toArray(String[]::new);
        this.cityAliases = Collections.unmodifiableMap(new LinkedHashMap<>(builder.cityAliases));
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> dashPrefixes() {
        return dashPrefixes;
    }

    public List<String> colonPrefixes() {
        return colonPrefixes;
    }

    public List<String> genericPrefixes() {
        return genericPrefixes;
    }

    /** Synonym variants in the order they are applied (longest first), each with its canonical form. */
    public List<Map.Entry<String, String>> synonyms() {
        List<Map.Entry<String, String>> list = new ArrayList<>(synonymVariants.length);
        for (int i = 0; i < synonymVariants.length; i++) {
            list.add(Map.entry(synonymVariants[i], synonymCanonicals[i]));
        }
        return Collections.unmodifiableList(list);
    }

    /** District → parent municipality, both normalised. */
    public Map<String, String> cityAliases() {
        return cityAliases;
    }

    /**
     * Removes the first matching prefix with its separator (B §3.2): dash prefixes, then colon, then generic; the
     * match ignores case; the rest is trimmed. At most one prefix goes. The title is taken in NFC first, so a prefix
     * also matches a title whose umlauts arrive decomposed. A title that is nothing but a prefix keeps it.
     */
    public String stripPrefixes(String title) {
        if (title == null || title.isEmpty() || prefixPatterns.isEmpty()) {
            return title;
        }
        String text = java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFC);
        for (String pattern : prefixPatterns) {
            if (text.regionMatches(true, 0, pattern, 0, pattern.length())) {
                String rest = Whitespace.strip(text.substring(pattern.length()));
                return rest.isEmpty() ? title : rest;
            }
        }
        return title;
    }

    /** Plain substring replace-all of each variant by its canonical form, longest variants first (B §3.3). */
    public String applySynonyms(String text) {
        String result = text;
        for (int i = 0; i < synonymVariants.length; i++) {
            if (result.contains(synonymVariants[i])) {
                result = result.replace(synonymVariants[i], synonymCanonicals[i]);
            }
        }
        return result;
    }

    /** {@code normalize_title}: prefix-stripped, then {@code normalize_text} with synonyms. */
    public String normalizeTitle(String title) {
        return Normalizer.normalizeText(stripPrefixes(title), this);
    }

    /** {@code normalize_city} (B §3.4): {@code normalize_text} without synonyms, then the alias if there is one. */
    public String normalizeCity(String city) {
        String normalized = Normalizer.normalizeText(city);
        return cityAliases.getOrDefault(normalized, normalized);
    }

    /** Collects entries; each {@code add} checks its entry at once and throws {@link IllegalArgumentException}. */
    public static final class Builder {
        private final List<String> dashPrefixes = new ArrayList<>();
        private final List<String> colonPrefixes = new ArrayList<>();
        private final List<String> genericPrefixes = new ArrayList<>();
        private final Map<String, String> synonyms = new LinkedHashMap<>();
        private final List<String> canonicals = new ArrayList<>();
        private final Map<String, String> cityAliases = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder dashPrefix(String prefix) {
            dashPrefixes.add(checkPrefix(prefix, dashPrefixes));
            return this;
        }

        public Builder colonPrefix(String prefix) {
            colonPrefixes.add(checkPrefix(prefix, colonPrefixes));
            return this;
        }

        public Builder genericPrefix(String prefix) {
            genericPrefixes.add(checkPrefix(prefix, genericPrefixes));
            return this;
        }

        private static String checkPrefix(String prefix, List<String> existing) {
            if (prefix == null || Whitespace.isBlank(prefix)) {
                throw new IllegalArgumentException("prefix must not be empty");
            }
            String value = java.text.Normalizer.normalize(Whitespace.strip(prefix), java.text.Normalizer.Form.NFC);
            if (existing.stream().anyMatch(value::equalsIgnoreCase)) {
                throw new IllegalArgumentException("prefix '" + value + "' is listed twice");
            }
            return value;
        }

        /**
         * Adds a synonym group. Variants may not repeat, may not equal a canonical form, and may not occur inside
         * any canonical form (the replace-all would then rewrite already canonical text).
         */
        public Builder synonymGroup(String canonical, List<String> variants) {
            String target = Normalizer.normalizeText(canonical);
            if (target.isEmpty()) {
                throw new IllegalArgumentException("synonym canonical form must not be empty");
            }
            if (canonicals.contains(target)) {
                throw new IllegalArgumentException("synonym group '" + target + "' is listed twice");
            }
            if (synonyms.containsKey(target)) {
                throw new IllegalArgumentException("synonym group '" + target + "' is already a variant of '"
                        + synonyms.get(target) + "'");
            }
            for (Map.Entry<String, String> existing : synonyms.entrySet()) {
                if (target.contains(existing.getKey())) {
                    throw new IllegalArgumentException("synonym group '" + target + "' contains the variant '"
                            + existing.getKey() + "' of '" + existing.getValue() + "'");
                }
            }
            List<String> pendingCanonicals = new ArrayList<>(canonicals);
            pendingCanonicals.add(target);
            Map<String, String> pending = new LinkedHashMap<>();
            for (String raw : variants) {
                String variant = Normalizer.normalizeText(raw);
                String where = "synonym variant '" + variant + "' of '" + target + "'";
                if (variant.isEmpty()) {
                    throw new IllegalArgumentException("synonym variant of '" + target + "' must not be empty");
                }
                if (synonyms.containsKey(variant) || pending.containsKey(variant)) {
                    String other = synonyms.getOrDefault(variant, target);
                    throw new IllegalArgumentException(where + " is listed twice (also a variant of '" + other + "')");
                }
                for (String c : pendingCanonicals) {
                    if (c.contains(variant)) {
                        throw new IllegalArgumentException(where + " occurs inside the canonical form '" + c + "'");
                    }
                }
                pending.put(variant, target);
            }
            canonicals.add(target);
            synonyms.putAll(pending);
            return this;
        }

        /** Adds {@code district → parent}; a parent may not itself be a district (aliases are looked up once). */
        public Builder cityAlias(String district, String parent) {
            String key = Normalizer.normalizeText(district);
            String value = Normalizer.normalizeText(parent);
            if (key.isEmpty() || value.isEmpty()) {
                throw new IllegalArgumentException("city alias '" + district + "' -> '" + parent
                        + "' must name both district and parent");
            }
            if (key.equals(value)) {
                throw new IllegalArgumentException("city alias '" + key + "' points to itself");
            }
            if (cityAliases.containsKey(key)) {
                throw new IllegalArgumentException("city alias '" + key + "' is listed twice (-> '"
                        + cityAliases.get(key) + "' and -> '" + value + "')");
            }
            if (cityAliases.containsKey(value)) {
                throw new IllegalArgumentException("city alias '" + key + "' -> '" + value + "': the parent '" + value
                        + "' is itself an alias of '" + cityAliases.get(value) + "'");
            }
            if (cityAliases.containsValue(key)) {
                throw new IllegalArgumentException("city alias '" + key + "' -> '" + value + "': '" + key
                        + "' is already a parent municipality");
            }
            cityAliases.put(key, value);
            return this;
        }

        public Lexicon build() {
            return new Lexicon(this);
        }
    }
}
