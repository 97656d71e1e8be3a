package org.eventdedup.matching.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Labelled truth (contract §3 {@code truth.json}): {@code {"pairs": [[a, b], ...], "entities": {"E1": [ids], ...}}},
 * either key optional but not both. The true (same-event) pairs are the union of the listed pairs and every pair
 * inside each entity. The labelled listings are every id the document names; any other pair of two labelled
 * listings counts as different (closed world: a predicted pair that is not true is a false positive, unlike B §12,
 * which ignored unlabelled predictions). Other top-level keys are ignored. An id in two entities, a pair of one id,
 * a wrong type or an id no listing can have (NUL, an unpaired surrogate) is an error.
 *
 * @param pairs                the true pairs
 * @param listings             every labelled listing id
 * <p>Operators' labels join it open-world ({@link #withLabels}): a {@code same} label is a true pair, a
 * {@code different} label a known-different pair, and a label wins over an imported pair; a labelled listing does not
 * join {@code listings}, so a label never turns the other pairs of its listings into different ones.
 *
 * @param pairs                the true pairs
 * @param listings             every listing of the imported truth (closed world: their other pairs are different)
 * @param pairsOutsideEntities listed pairs that are not inside one entity when entities are given (still true pairs;
 *                             reported, since it means the two keys disagree)
 * @param differentPairs       pairs known to be different whatever {@code listings} says (labels); never in
 *                             {@code pairs}
 */
public record GroundTruth(Set<IdPair> pairs, Set<String> listings, int pairsOutsideEntities,
                          Set<IdPair> differentPairs) {

    public GroundTruth {
        pairs = Collections.unmodifiableSet(new LinkedHashSet<>(pairs));
        listings = Collections.unmodifiableSet(new LinkedHashSet<>(listings));
        differentPairs = Collections.unmodifiableSet(new LinkedHashSet<>(differentPairs));
        for (IdPair pair : differentPairs) {
            if (pairs.contains(pair)) {
                throw new IllegalArgumentException("the pair (" + pair.a() + ", " + pair.b()
                        + ") is both a true and a different pair");
            }
        }
    }

    /** An imported truth (no labels). */
    public GroundTruth(Set<IdPair> pairs, Set<String> listings, int pairsOutsideEntities) {
        this(pairs, listings, pairsOutsideEntities, Set.of());
    }

    /**
     * This truth with operators' labels added, each winning over an imported pair: {@code same} pairs become true
     * pairs, {@code different} pairs stop being true and are known-different.
     */
    public GroundTruth withLabels(Collection<IdPair> same, Collection<IdPair> different) {
        if (same.isEmpty() && different.isEmpty()) {
            return this;
        }
        Set<IdPair> sameSet = new LinkedHashSet<>(same);
        Set<IdPair> differentSet = new LinkedHashSet<>(differentPairs);
        differentSet.removeAll(sameSet);
        differentSet.addAll(different);
        Set<IdPair> truePairs = new LinkedHashSet<>(pairs);
        truePairs.removeAll(differentSet);
        truePairs.addAll(sameSet);
        return new GroundTruth(truePairs, listings, pairsOutsideEntities, differentSet);
    }

    /**
     * This truth as a closed world over every listing it names, imported or labelled: what the config tuner needs,
     * which learns from every pair of two labelled listings (so there the other pairs of a labelled listing count
     * as different).
     */
    public GroundTruth closedWorld() {
        if (differentPairs.isEmpty() && listings.containsAll(idsOf(pairs))) {
            return this;
        }
        Set<String> all = new LinkedHashSet<>(listings);
        all.addAll(idsOf(pairs));
        all.addAll(idsOf(differentPairs));
        return new GroundTruth(pairs, all, pairsOutsideEntities);
    }

    private static Set<String> idsOf(Set<IdPair> pairs) {
        Set<String> ids = new LinkedHashSet<>();
        for (IdPair pair : pairs) {
            ids.add(pair.a());
            ids.add(pair.b());
        }
        return ids;
    }

    /** Whether nothing is known: no imported truth and no label. */
    public boolean isEmpty() {
        return pairs.isEmpty() && listings.isEmpty() && differentPairs.isEmpty();
    }

    /**
     * Reads a parsed JSON document (maps, lists, strings, numbers, booleans, null as a JSON parser gives them).
     *
     * @throws GroundTruthException naming the offending part
     */
    public static GroundTruth fromTree(Object root) {
        if (!(root instanceof Map<?, ?> object)) {
            throw new GroundTruthException("", "must be a JSON object with \"pairs\" and/or \"entities\"");
        }
        Object pairsNode = object.get("pairs");
        Object entitiesNode = object.get("entities");
        if (pairsNode == null && entitiesNode == null) {
            throw new GroundTruthException("", "has neither \"pairs\" nor \"entities\"");
        }
        Set<IdPair> pairs = new LinkedHashSet<>();
        Set<String> listings = new LinkedHashSet<>();
        Map<String, String> entityOf = new HashMap<>();
        if (entitiesNode != null) {
            if (!(entitiesNode instanceof Map<?, ?> entities)) {
                throw new GroundTruthException("/entities", "must be an object of entity -> [ids]");
            }
            for (Map.Entry<?, ?> entity : entities.entrySet()) {
                String name = String.valueOf(entity.getKey());
                String at = "/entities/" + escape(name);
                List<String> ids = ids(at, entity.getValue());
                for (String id : ids) {
                    String other = entityOf.putIfAbsent(id, name);
                    if (other != null) {
                        throw new GroundTruthException(at, "id \"" + id + "\" is also in entity \"" + other + "\"");
                    }
                }
                listings.addAll(ids);
                for (int i = 0; i < ids.size(); i++) {
                    for (int j = i + 1; j < ids.size(); j++) {
                        pairs.add(IdPair.of(ids.get(i), ids.get(j)));
                    }
                }
            }
        }
        int outside = 0;
        if (pairsNode != null) {
            if (!(pairsNode instanceof List<?> list)) {
                throw new GroundTruthException("/pairs", "must be an array of [a, b] pairs");
            }
            for (int k = 0; k < list.size(); k++) {
                String at = "/pairs/" + k;
                List<String> ids = ids(at, list.get(k));
                if (ids.size() != 2) { // ids() already refused the same id twice
                    throw new GroundTruthException(at, "must hold two different ids");
                }
                if (!entityOf.isEmpty()) {
                    String ea = entityOf.get(ids.get(0));
                    if (ea == null || !ea.equals(entityOf.get(ids.get(1)))) {
                        outside++;
                    }
                }
                listings.addAll(ids);
                pairs.add(IdPair.of(ids.get(0), ids.get(1)));
            }
        }
        return new GroundTruth(pairs, listings, outside);
    }

    /** The true pairs both of whose ids are among {@code ids}. */
    public Set<IdPair> restrictedTo(Set<String> ids) {
        Set<IdPair> kept = new LinkedHashSet<>();
        for (IdPair pair : pairs) {
            if (ids.contains(pair.a()) && ids.contains(pair.b())) {
                kept.add(pair);
            }
        }
        return kept;
    }

    /**
     * The truth's answer for a pair: true = same event, false = a different label, or both listings in the imported
     * truth but not a true pair, null = unknown.
     */
    public Boolean label(IdPair pair) {
        if (differentPairs.contains(pair)) {
            return Boolean.FALSE;
        }
        if (pairs.contains(pair)) {
            return Boolean.TRUE;
        }
        return listings.contains(pair.a()) && listings.contains(pair.b()) ? Boolean.FALSE : null;
    }

    private static List<String> ids(String at, Object node) {
        if (!(node instanceof List<?> list)) {
            throw new GroundTruthException(at, "must be an array of listing ids");
        }
        List<String> ids = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object id = list.get(i);
            if (!(id instanceof String text) || text.isEmpty()) {
                throw new GroundTruthException(at + "/" + i, "must be a non-empty string (a listing id)");
            }
            if (!storable(text)) {
                throw new GroundTruthException(at + "/" + i, "must be a listing id: no NUL (U+0000) and no unpaired"
                        + " surrogate, which no input file's id can hold");
            }
            if (ids.contains(text)) {
                throw new GroundTruthException(at, "lists \"" + text + "\" twice");
            }
            ids.add(text);
        }
        return ids;
    }

    /** Text PostgreSQL can store and that is Unicode (the input files' rule for ids). */
    private static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 6901 escaping of a key inside a pointer. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
