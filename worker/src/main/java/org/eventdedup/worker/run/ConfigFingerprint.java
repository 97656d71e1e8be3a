package org.eventdedup.worker.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.rule.ConfigDocument;
import org.eventdedup.worker.input.ContentHash;

/**
 * SHA-256 of the complete config document with sorted keys. Beside the version it tells whether a run matches under
 * the same config as the previous one: version 0 (no saved row) can stand for different YAML files across restarts.
 */
final class ConfigFingerprint {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private ConfigFingerprint() {
    }

    static String of(MatchingConfig config) {
        try {
            return ContentHash.sha256(JSON.writeValueAsString(ConfigDocument.toTree(config)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
