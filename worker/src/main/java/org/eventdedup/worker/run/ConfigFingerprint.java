package org.eventdedup.worker.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.rule.ConfigDocument;
import org.eventdedup.worker.input.ContentHash;

/**
 * SHA-256 of the config document with sorted keys. The whole document's, beside the version, tells whether a run
 * matches under the same config as the previous one (version 0, no saved row, can stand for different YAML files
 * across restarts). Two narrower ones tell a full re-match what it may keep: the blocking section's (what listing
 * preparation and blocking keys read) and the clustering sections' ({@code cluster}, {@code canonical}).
 */
final class ConfigFingerprint {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private ConfigFingerprint() {
    }

    static String of(MatchingConfig config) {
        return hash(ConfigDocument.toTree(config));
    }

    /** Of what preparing a listing and its blocking keys depend on. */
    static String keys(MatchingConfig config) {
        return hash(sections(config, "blocking"));
    }

    /** Of what clustering decisions and synthesising canonical events depend on (besides decisions and listings). */
    static String clustering(MatchingConfig config) {
        return hash(sections(config, "cluster", "canonical"));
    }

    private static Map<String, Object> sections(MatchingConfig config, String... names) {
        Map<String, Object> tree = ConfigDocument.toTree(config);
        Map<String, Object> kept = new TreeMap<>();
        for (String name : names) {
            kept.put(name, Objects.requireNonNull(tree.get(name), () -> "no config section " + name));
        }
        return kept;
    }

    private static String hash(Object tree) {
        try {
            return ContentHash.sha256(JSON.writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
