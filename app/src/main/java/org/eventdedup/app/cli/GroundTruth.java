package org.eventdedup.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Labelled truth for {@code evaluate}: {@code {"pairs": [[a, b], ...], "entities": {"E1": [ids], ...}}}, either key
 * optional but not both. The true pairs are the union of the listed pairs and every pair inside each entity; every
 * other pair of listings counts as different (closed world: a predicted pair that is not true is a false positive,
 * unlike B §12, which ignored unlabelled predictions). Other top-level keys are ignored. An id in two entities, a
 * pair of one id, or a wrong type is an error.
 *
 * @param pairs            the true pairs
 * @param pairsOutsideEntities listed pairs that are not inside one entity when entities are given (still true pairs;
 *                         reported, since it means the two keys disagree)
 */
record GroundTruth(Set<IdPair> pairs, int pairsOutsideEntities) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static GroundTruth read(String command, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw bad(command, file, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CliException(command + ": cannot read truth file " + file + ": "
                    + (e.getMessage() == null ? "I/O error" : e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw bad(command, file, "must be a JSON object with \"pairs\" and/or \"entities\"");
        }
        JsonNode pairsNode = root.get("pairs");
        JsonNode entitiesNode = root.get("entities");
        if ((pairsNode == null || pairsNode.isNull()) && (entitiesNode == null || entitiesNode.isNull())) {
            throw bad(command, file, "has neither \"pairs\" nor \"entities\"");
        }

        Set<IdPair> pairs = new LinkedHashSet<>();
        Map<String, String> entityOf = new HashMap<>();
        if (entitiesNode != null && !entitiesNode.isNull()) {
            if (!entitiesNode.isObject()) {
                throw bad(command, file, "/entities must be an object of entity -> [ids]");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = entitiesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entity = it.next();
                String at = "/entities/" + entity.getKey();
                List<String> ids = ids(command, file, at, entity.getValue());
                for (String id : ids) {
                    String other = entityOf.putIfAbsent(id, entity.getKey());
                    if (other != null) {
                        throw bad(command, file, at + ": id \"" + id + "\" is also in entity \"" + other + "\"");
                    }
                }
                for (int i = 0; i < ids.size(); i++) {
                    for (int j = i + 1; j < ids.size(); j++) {
                        pairs.add(IdPair.of(ids.get(i), ids.get(j)));
                    }
                }
            }
        }
        int outside = 0;
        if (pairsNode != null && !pairsNode.isNull()) {
            if (!pairsNode.isArray()) {
                throw bad(command, file, "/pairs must be an array of [a, b] pairs");
            }
            for (int k = 0; k < pairsNode.size(); k++) {
                String at = "/pairs/" + k;
                List<String> ids = ids(command, file, at, pairsNode.get(k));
                if (ids.size() != 2) { // ids() already refused the same id twice
                    throw bad(command, file, at + " must hold two different ids");
                }
                if (!entityOf.isEmpty()) {
                    String ea = entityOf.get(ids.get(0));
                    if (ea == null || !ea.equals(entityOf.get(ids.get(1)))) {
                        outside++;
                    }
                }
                pairs.add(IdPair.of(ids.get(0), ids.get(1)));
            }
        }
        return new GroundTruth(Set.copyOf(pairs), outside);
    }

    /** The true pairs both of whose ids are among {@code ids}. */
    Set<IdPair> restrictedTo(Set<String> ids) {
        Set<IdPair> kept = new LinkedHashSet<>();
        for (IdPair pair : pairs) {
            if (ids.contains(pair.a()) && ids.contains(pair.b())) {
                kept.add(pair);
            }
        }
        return kept;
    }

    private static List<String> ids(String command, Path file, String at, JsonNode node) {
        if (node == null || !node.isArray()) {
            throw bad(command, file, at + " must be an array of listing ids");
        }
        List<String> ids = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            if (!id.isTextual() || id.asText().isEmpty()) {
                throw bad(command, file, at + "/" + i + " must be a non-empty string (a listing id)");
            }
            if (ids.contains(id.asText())) {
                throw bad(command, file, at + " lists \"" + id.asText() + "\" twice");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static CliException bad(String command, Path file, String problem) {
        return new CliException(command + ": bad truth file " + file + ": " + problem);
    }
}
