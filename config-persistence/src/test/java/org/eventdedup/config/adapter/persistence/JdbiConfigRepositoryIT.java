package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventdedup.config.adapter.persistence.ConfigDocuments.defaults;
import static org.eventdedup.config.adapter.persistence.ConfigDocuments.nonDefault;
import static org.eventdedup.config.adapter.persistence.ConfigDocuments.section;
import static org.eventdedup.config.adapter.persistence.ConfigDocuments.stored;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.Change;
import org.eventdedup.config.domain.port.out.ConfigRepository;
import org.eventdedup.config.domain.port.out.HistoryEntry;
import org.eventdedup.config.domain.port.out.StoredConfig;
import org.eventdedup.config.domain.rule.ConfigDocument;
import org.eventdedup.config.domain.rule.Validated;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabaseExtension.class)
class JdbiConfigRepositoryIT {

    /** Microseconds, like the column, so what is read back equals what was written. */
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");

    private final ConfigRepository repository;
    private final Jdbi jdbi;

    JdbiConfigRepositoryIT(PersistenceModule persistence) {
        this.repository = persistence.configRepository();
        this.jdbi = persistence.jdbi();
    }

    @BeforeEach
    void empty_tables() {
        jdbi.useHandle(h -> h.execute("TRUNCATE config_settings, config_history"));
    }

    @Test
    void is_empty_before_the_first_save() {
        assertThat(repository.load()).isEmpty();
        assertThat(repository.currentVersion()).isZero();
        assertThat(repository.history(10, null)).isEmpty();
        assertThat(repository.version(1)).isEmpty();
    }

    @Test
    void loads_the_complete_document_as_saved_and_it_binds_back_to_the_same_config() {
        Map<String, Object> document = nonDefault();
        Validated expected = ConfigDocument.validate(document);
        assertThat(expected.violations()).isEmpty();

        assertThat(repository.save(0, stored(document, 1, "gAAAAtoken", T0), List.of())).isTrue();
        StoredConfig loaded = repository.load().orElseThrow();

        assertThat(loaded.document()).isEqualTo(document);
        assertThat(new ArrayList<>(loaded.document().keySet())).containsExactlyElementsOf(document.keySet());
        assertThat(section(section(loaded.document(), "title"), "cross_source_type"))
                .containsEntry("blend_upper", 0.95);
        assertThat(section(loaded.document(), "geo").get("max_distance_km")).isInstanceOf(Double.class);
        assertThat(ConfigDocument.validate(loaded.document()).config()).isEqualTo(expected.config());
        assertThat(loaded.encryptedApiKey()).isEqualTo("gAAAAtoken");
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.updatedBy()).isEqualTo("operator-1");
    }

    @Test
    void stores_time_in_utc_truncated_to_microseconds() {
        repository.save(0, stored(defaults(), 1, null, Instant.parse("2025-03-01T10:15:30.123456789Z")), List.of());

        Instant truncated = Instant.parse("2025-03-01T10:15:30.123456Z");
        assertThat(repository.load().orElseThrow().updatedAt()).isEqualTo(truncated);
        assertThat(repository.history(1, null).get(0).updatedAt()).isEqualTo(truncated);
        assertThat(repository.version(1).orElseThrow().updatedAt()).isEqualTo(truncated);
    }

    @Test
    void increments_the_version_with_each_save() {
        repository.save(0, stored(defaults(), 1, null, T0), List.of());
        Map<String, Object> second = nonDefault();

        assertThat(repository.save(1, stored(second, 2, null, T0.plusSeconds(1)), List.of())).isTrue();

        assertThat(repository.currentVersion()).isEqualTo(2);
        assertThat(repository.load().orElseThrow().document()).isEqualTo(second);
    }

    @Test
    void refuses_a_stale_expected_version_and_writes_nothing() {
        repository.save(0, stored(defaults(), 1, "token-1", T0), List.of());
        repository.save(1, stored(defaults(), 2, "token-1", T0.plusSeconds(1)), List.of());

        boolean saved = repository.save(1, stored(nonDefault(), 2, "token-x", T0.plusSeconds(2)),
                List.of(new Change("/thresholds/high", 0.75, 0.8)));
        boolean firstAgain = repository.save(0, stored(nonDefault(), 1, "token-x", T0.plusSeconds(2)), List.of());

        assertThat(saved).isFalse();
        assertThat(firstAgain).isFalse();
        StoredConfig row = repository.load().orElseThrow();
        assertThat(row.document()).isEqualTo(defaults());
        assertThat(row.encryptedApiKey()).isEqualTo("token-1");
        assertThat(row.updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(repository.history(10, null)).extracting(HistoryEntry::version).containsExactly(2L, 1L);
    }

    @Test
    void refuses_an_expected_version_ahead_of_the_stored_one() {
        assertThat(repository.save(3, stored(defaults(), 4, null, T0), List.of())).isFalse();
        assertThat(repository.currentVersion()).isZero();
    }

    @Test
    void answers_false_for_a_negative_expected_version_or_a_stale_one_with_a_wrong_next_version() {
        repository.save(0, stored(defaults(), 1, null, T0), List.of());

        assertThat(repository.save(-1, stored(defaults(), 0, null, T0), List.of())).isFalse();
        assertThat(repository.save(0, stored(defaults(), 5, null, T0), List.of())).isFalse();
        assertThat(repository.currentVersion()).isEqualTo(1);
    }

    @Test
    void requires_the_next_version_to_follow_the_expected_one() {
        assertThatThrownBy(() -> repository.save(0, stored(defaults(), 2, null, T0), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("next version must be 1, got 2");
        assertThat(repository.currentVersion()).isZero();
    }

    @Test
    void keeps_a_gapless_history_newest_first_with_paging() {
        for (int v = 1; v <= 7; v++) {
            repository.save(v - 1, stored(defaults(), v, null, T0.plusSeconds(v)),
                    List.of(new Change("/cluster/max_cluster_size", v + 1, v + 2)));
        }

        List<HistoryEntry> firstPage = repository.history(3, null);
        List<HistoryEntry> secondPage = repository.history(3, firstPage.get(2).version());
        List<HistoryEntry> lastPage = repository.history(3, secondPage.get(2).version());

        assertThat(firstPage).extracting(HistoryEntry::version).containsExactly(7L, 6L, 5L);
        assertThat(secondPage).extracting(HistoryEntry::version).containsExactly(4L, 3L, 2L);
        assertThat(lastPage).extracting(HistoryEntry::version).containsExactly(1L);
        assertThat(repository.history(3, 1L)).isEmpty();
        assertThat(repository.history(0, null)).isEmpty();
        assertThat(firstPage.get(0)).isEqualTo(new HistoryEntry(7, T0.plusSeconds(7), "operator-7",
                List.of(new Change("/cluster/max_cluster_size", 8, 9))));
    }

    @Test
    void records_changes_with_old_and_new_values_of_any_json_type() {
        List<Change> changes = List.of(
                new Change("/title/cross_source_type", null,
                        section(section(nonDefault(), "title"), "cross_source_type")),
                new Change("/category_weights/priority", List.of(), List.of("fasnacht", "versammlung")),
                new Change("/ai/enabled", false, true),
                new Change("/ai/model", "gemini-2.5-flash", "gemini-2.5-pro"),
                new Change(Change.API_KEY_PATH, null, "set"));

        repository.save(0, stored(nonDefault(), 1, null, T0), changes);

        assertThat(repository.history(1, null).get(0).changes()).isEqualTo(changes);
    }

    @Test
    void returns_the_complete_document_of_a_past_version_without_the_api_key() {
        Map<String, Object> first = defaults();
        Map<String, Object> second = nonDefault();
        repository.save(0, stored(first, 1, "token-1", T0), List.of());
        repository.save(1, stored(second, 2, "token-2", T0.plusSeconds(5)), List.of());

        assertThat(repository.version(1)).contains(new StoredConfig(first, null, 1, T0, "operator-1"));
        assertThat(repository.version(2).orElseThrow().document()).isEqualTo(second);
        assertThat(repository.version(2).orElseThrow().encryptedApiKey()).isNull();
        assertThat(repository.version(3)).isEmpty();
    }

    @Test
    void replaces_the_api_key_only_when_it_still_is_the_expected_one_without_a_new_version() {
        repository.save(0, stored(defaults(), 1, "old-token", T0), List.of());

        assertThat(repository.replaceEncryptedApiKey("other-token", "new-token")).isFalse();
        assertThat(repository.load().orElseThrow().encryptedApiKey()).isEqualTo("old-token");

        assertThat(repository.replaceEncryptedApiKey("old-token", "new-token")).isTrue();
        StoredConfig row = repository.load().orElseThrow();
        assertThat(row.encryptedApiKey()).isEqualTo("new-token");
        assertThat(row.version()).isEqualTo(1);
        assertThat(repository.history(10, null)).hasSize(1);
    }

    @Test
    void replaces_a_missing_api_key_only_when_none_was_expected() {
        assertThat(repository.replaceEncryptedApiKey(null, "token")).isFalse();
        repository.save(0, stored(defaults(), 1, null, T0), List.of());

        assertThat(repository.replaceEncryptedApiKey("token", "other")).isFalse();
        assertThat(repository.replaceEncryptedApiKey(null, "token")).isTrue();
        assertThat(repository.load().orElseThrow().encryptedApiKey()).isEqualTo("token");
        assertThat(repository.replaceEncryptedApiKey("token", null)).isTrue();
        assertThat(repository.load().orElseThrow().encryptedApiKey()).isNull();
    }
}
