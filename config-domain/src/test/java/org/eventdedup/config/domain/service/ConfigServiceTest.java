package org.eventdedup.config.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.eventdedup.config.domain.testing.Trees.obj;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eventdedup.config.domain.model.ApiKeySource;
import org.eventdedup.config.domain.model.Change;
import org.eventdedup.config.domain.model.ConfigSource;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.model.TitleBlend;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.ConfigException;
import org.eventdedup.config.domain.port.in.ConfigView;
import org.eventdedup.config.domain.port.in.EffectiveConfig;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.RotateKeyUseCase.Outcome;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.port.out.HistoryEntry;
import org.eventdedup.config.domain.port.out.StoredConfig;
import org.eventdedup.config.domain.rule.ConfigDocument;
import org.eventdedup.config.domain.testing.InMemoryConfigRepository;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.junit.jupiter.api.Test;

class ConfigServiceTest {

    /** What the shipped YAML file sets over the built-ins (contract §1). */
    static final MatchingConfig FILE_CONFIG = fileConfig();

    private final InMemoryConfigRepository repository = new InMemoryConfigRepository();
    private final ReversingSecretCipher cipher = new ReversingSecretCipher();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:15:30.123456789Z"), ZoneOffset.UTC);

    private ConfigService service(MatchingConfig file, String envKey) {
        return new ConfigService(repository, cipher, file, envKey == null ? null : SecretString.of(envKey), clock);
    }

    private static UpdateConfigCommand patch(Map<String, Object> patch) {
        return new UpdateConfigCommand(patch, ApiKeyChange.KEEP, Precondition.NONE, "alice");
    }

    private static UpdateConfigCommand key(ApiKeyChange change) {
        return new UpdateConfigCommand(Map.of(), change, Precondition.NONE, "alice");
    }

    @Test
    void without_a_row_the_file_config_is_effective() {
        ConfigView view = service(FILE_CONFIG, null).current();
        assertThat(view.config()).isEqualTo(FILE_CONFIG);
        assertThat(view.source()).isEqualTo(ConfigSource.FILE);
        assertThat(view.version()).isZero();
        assertThat(view.updatedAt()).isNull();
        assertThat(view.hasApiKey()).isFalse();
        assertThat(view.apiKeySource()).isNull();
    }

    @Test
    void without_a_row_or_file_the_built_ins_are_effective() {
        ConfigService service = service(null, null);
        assertThat(service.current().config()).isEqualTo(MatchingConfig.DEFAULT);
        assertThat(service.current().source()).isEqualTo(ConfigSource.DEFAULTS);
        assertThat(service.load().source()).isEqualTo(ConfigSource.DEFAULTS);
    }

    @Test
    void first_edit_starts_from_the_file_and_stores_the_complete_document() {
        ConfigService service = service(FILE_CONFIG, null);
        ConfigView saved = service.update(patch(obj("thresholds", obj("high", 0.8))));

        assertThat(saved.version()).isEqualTo(1);
        assertThat(saved.source()).isEqualTo(ConfigSource.DATABASE);
        assertThat(saved.config().categoryWeights()).isEqualTo(FILE_CONFIG.categoryWeights());
        assertThat(saved.config().title().crossSourceType()).isEqualTo(FILE_CONFIG.title().crossSourceType());
        assertThat(saved.config().thresholds().high()).isEqualTo(0.8);
        StoredConfig row = repository.load().orElseThrow();
        assertThat(ConfigDocument.validate(row.document()).config()).isEqualTo(saved.config());
        assertThat(row.updatedBy()).isEqualTo("alice");
        assertThat(row.updatedAt()).isEqualTo(Instant.parse("2026-11-26T10:15:30.123456Z"));
    }

    @Test
    void later_patches_keep_earlier_ones() {
        ConfigService service = service(null, null);
        service.update(patch(obj("scoring", obj("date", 0.35, "description", 0.10))));
        ConfigView view = service.update(patch(obj("thresholds", obj("high", 0.8))));
        assertThat(view.config().scoring()).isEqualTo(new ScoringWeights(0.35, 0.25, 0.30, 0.10));
        assertThat(view.version()).isEqualTo(2);
    }

    @Test
    void a_no_op_patch_creates_no_version() {
        ConfigService service = service(FILE_CONFIG, null);
        service.update(patch(obj("thresholds", obj("high", 0.8))));
        ConfigView again = service.update(patch(obj("thresholds", obj("high", 0.8), "scoring", obj("date", 0.3))));
        assertThat(again.version()).isEqualTo(1);
        assertThat(repository.history(10, null)).hasSize(1);
    }

    @Test
    void a_no_op_patch_before_the_first_save_stores_nothing() {
        ConfigService service = service(FILE_CONFIG, null);
        ConfigView view = service.update(patch(obj("thresholds", obj("high", 0.75))));
        assertThat(view.version()).isZero();
        assertThat(repository.load()).isEmpty();
    }

    @Test
    void null_resets_to_the_effective_default_from_the_file() {
        ConfigService service = service(FILE_CONFIG, null);
        service.update(patch(obj("category_weights", obj("priority", List.of("musik")))));
        ConfigView view = service.update(patch(obj("category_weights", obj("priority", null))));
        assertThat(view.config().categoryWeights().priority()).containsExactly("fasnacht", "versammlung");
    }

    @Test
    void a_candidate_merges_like_a_save_but_stores_nothing() {
        ConfigService service = service(FILE_CONFIG, null);
        service.update(patch(obj("scoring", obj("date", 0.35, "description", 0.10))));

        var candidate = service.candidate(obj("thresholds", obj("high", 0.8), "category_weights",
                obj("priority", null)));

        assertThat(candidate.current().version()).isEqualTo(1);
        assertThat(candidate.current().config().thresholds().high()).isEqualTo(0.75);
        assertThat(candidate.candidate().thresholds().high()).isEqualTo(0.8);
        assertThat(candidate.candidate().scoring()).isEqualTo(candidate.current().config().scoring());
        assertThat(candidate.candidate().categoryWeights().priority()).containsExactly("fasnacht", "versammlung");
        assertThat(repository.load().orElseThrow().version()).isEqualTo(1);
        assertThat(repository.history(10, null)).hasSize(1);
    }

    @Test
    void an_invalid_candidate_gets_the_violations_an_update_gets() {
        ConfigService service = service(null, null);
        Map<String, Object> bad = obj("thresholds", obj("low", 0.9), "ai", obj("model", ""), "nonsense", 1);
        ConfigException fromUpdate = catchThrowableOfType(ConfigException.class, () -> service.update(patch(bad)));
        ConfigException fromPreview = catchThrowableOfType(ConfigException.class, () -> service.candidate(bad));
        assertThat(fromPreview.code()).isEqualTo(ConfigException.Code.VALIDATION_FAILED);
        assertThat(fromPreview.violations()).isNotEmpty().isEqualTo(fromUpdate.violations());
        assertThat(repository.load()).isEmpty();
    }

    @Test
    void invalid_patches_are_rejected_with_every_violation_and_store_nothing() {
        ConfigService service = service(null, null);
        assertThatThrownBy(() -> service.update(patch(obj("thresholds", obj("low", 0.9), "ai", obj("model", "")))))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.code()).isEqualTo(ConfigException.Code.VALIDATION_FAILED);
                    assertThat(e.violations()).extracting(v -> v.path())
                            .containsExactlyInAnyOrder("/thresholds/low", "/ai/model");
                });
        assertThat(repository.load()).isEmpty();
    }

    @Test
    void history_records_who_what_and_when_newest_first() {
        ConfigService service = service(null, null);
        service.update(patch(obj("thresholds", obj("high", 0.8))));
        service.update(new UpdateConfigCommand(obj("thresholds", obj("high", 0.85)), ApiKeyChange.KEEP,
                Precondition.NONE, "bob"));
        List<HistoryEntry> history = service.history(10, null);
        assertThat(history).extracting(HistoryEntry::version).containsExactly(2L, 1L, 0L);
        assertThat(history.get(0).updatedBy()).isEqualTo("bob");
        assertThat(history.get(0).changes()).containsExactly(new Change("/thresholds/high", 0.8, 0.85));
        assertThat(history.get(1).changes()).containsExactly(new Change("/thresholds/high", 0.75, 0.8));
        assertThat(service.history(10, 2L)).extracting(HistoryEntry::version).containsExactly(1L, 0L);
        assertThat(service.history(2, null)).extracting(HistoryEntry::version).containsExactly(2L, 1L);
        assertThat(service.history(10, 1L)).singleElement().isEqualTo(new HistoryEntry(0, null, null, List.of()));
        assertThat(service.version(1).orElseThrow().config().thresholds().high()).isEqualTo(0.8);
    }

    @Test
    void api_key_is_encrypted_and_history_only_says_set_replaced_cleared() {
        ConfigService service = service(null, null);
        ConfigView set = service.update(key(new ApiKeyChange.Set(SecretString.of("AIza-first"))));
        assertThat(set.hasApiKey()).isTrue();
        assertThat(set.apiKeySource()).isEqualTo(ApiKeySource.DATABASE);
        assertThat(repository.storedToken()).isEqualTo("enc:1:tsrif-azIA");

        service.update(key(new ApiKeyChange.Set(SecretString.of("AIza-first"))));
        service.update(key(new ApiKeyChange.Set(SecretString.of("AIza-second"))));
        ConfigView cleared = service.update(key(ApiKeyChange.CLEAR));
        service.update(key(ApiKeyChange.CLEAR));

        assertThat(cleared.hasApiKey()).isFalse();
        assertThat(repository.storedToken()).isNull();
        assertThat(service.history(10, null)).filteredOn(h -> h.version() > 0)
                .extracting(h -> h.changes().get(0).newValue()).containsExactly("cleared", "replaced", "set");
        assertThat(service.history(10, null).toString()).doesNotContain("AIza");
    }

    @Test
    void environment_key_before_the_first_save_enables_ai() {
        ConfigService service = service(FILE_CONFIG, "env-key");
        ConfigView view = service.current();
        assertThat(view.apiKeySource()).isEqualTo(ApiKeySource.ENVIRONMENT);
        assertThat(view.hasApiKey()).isFalse();
        assertThat(view.config().ai().enabled()).isTrue();

        EffectiveConfig effective = service.load();
        assertThat(effective.apiKey()).contains(SecretString.of("env-key"));
        assertThat(effective.config().ai().enabled()).isTrue();
        assertThat(effective.warnings()).isEmpty();
    }

    @Test
    void once_a_row_exists_the_stored_ai_switch_rules_and_the_environment_key_remains_the_fallback() {
        ConfigService service = service(FILE_CONFIG, "env-key");
        service.update(patch(obj("ai", obj("enabled", false))));
        EffectiveConfig effective = service.load();
        assertThat(effective.config().ai().enabled()).isFalse();
        assertThat(effective.apiKey()).contains(SecretString.of("env-key"));

        service.update(key(new ApiKeyChange.Set(SecretString.of("db-key"))));
        assertThat(service.load().apiKey()).contains(SecretString.of("db-key"));
        assertThat(service.current().apiKeySource()).isEqualTo(ApiKeySource.DATABASE);
    }

    @Test
    void provider_reports_an_undecryptable_key_and_supplies_none() {
        repository.save(0, new StoredConfig(ConfigDocument.toTree(MatchingConfig.DEFAULT.withAi(
                MatchingConfig.DEFAULT.ai().withEnabled(true))), "broken-token", 1, clock.instant(), "x"), List.of());
        ConfigService service = service(null, null);

        EffectiveConfig effective = service.load();
        assertThat(effective.apiKey()).isEmpty();
        assertThat(effective.warnings()).containsExactly(ConfigService.UNDECRYPTABLE_KEY_WARNING,
                ConfigService.AI_WITHOUT_KEY_WARNING);
        assertThat(service.current().hasApiKey()).isTrue();
        assertThat(effective.version()).isEqualTo(1);
        assertThat(effective.source()).isEqualTo(ConfigSource.DATABASE);
    }

    @Test
    void legacy_plain_values_are_read_and_rotated_into_tokens() {
        repository.save(0, new StoredConfig(ConfigDocument.toTree(MatchingConfig.DEFAULT), "plain:legacy-key", 1,
                clock.instant(), "python"), List.of());
        ConfigService service = service(null, null);
        assertThat(service.load().apiKey()).contains(SecretString.of("legacy-key"));

        assertThat(service.rotate()).isEqualTo(Outcome.REENCRYPTED);
        assertThat(repository.storedToken()).isEqualTo("enc:1:yek-ycagel");
        assertThat(service.rotate()).isEqualTo(Outcome.ALREADY_CURRENT);
        cipher.rotateTo(2);
        assertThat(service.rotate()).isEqualTo(Outcome.REENCRYPTED);
        assertThat(repository.storedToken()).isEqualTo("enc:2:yek-ycagel");
        assertThat(repository.currentVersion()).isEqualTo(1);
    }

    @Test
    void rotate_without_a_key_says_so() {
        assertThat(service(null, null).rotate()).isEqualTo(Outcome.NO_KEY_STORED);
    }

    @Test
    void stale_if_match_is_a_precondition_failure_naming_the_current_version() {
        ConfigService service = service(null, null);
        service.update(patch(obj("thresholds", obj("high", 0.8))));
        UpdateConfigCommand stale = new UpdateConfigCommand(obj("thresholds", obj("high", 0.9)), ApiKeyChange.KEEP,
                Precondition.ifMatch(0), "bob");
        assertThatThrownBy(() -> service.update(stale)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.code()).isEqualTo(ConfigException.Code.PRECONDITION_FAILED);
            assertThat(e.currentVersion()).isEqualTo(1);
        });
        UpdateConfigCommand fresh = new UpdateConfigCommand(obj("thresholds", obj("high", 0.9)), ApiKeyChange.KEEP,
                Precondition.ifMatch(1), "bob");
        assertThat(service.update(fresh).version()).isEqualTo(2);
    }

    @Test
    void a_different_updated_at_is_a_conflict() {
        ConfigService service = service(null, null);
        ConfigView first = service.update(patch(obj("thresholds", obj("high", 0.8))));
        UpdateConfigCommand expectsNothing = new UpdateConfigCommand(obj("thresholds", obj("high", 0.9)),
                ApiKeyChange.KEEP, new Precondition(null, true, null), "bob");
        assertThatThrownBy(() -> service.update(expectsNothing)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.code()).isEqualTo(ConfigException.Code.UPDATED_AT_CONFLICT));
        UpdateConfigCommand matching = new UpdateConfigCommand(obj("thresholds", obj("high", 0.9)),
                ApiKeyChange.KEEP, new Precondition(null, true, first.updatedAt()), "bob");
        assertThat(service.update(matching).version()).isEqualTo(2);
    }

    @Test
    void rollback_stores_an_old_document_as_a_new_version_and_keeps_the_key() {
        ConfigService service = service(FILE_CONFIG, null);
        service.update(patch(obj("thresholds", obj("high", 0.8))));
        service.update(patch(obj("category_weights", obj("overrides", obj("musik",
                obj("date", 0.4, "geo", 0.2, "title", 0.3, "description", 0.1)))))); // v2
        service.update(key(new ApiKeyChange.Set(SecretString.of("k")))); // v3

        ConfigView rolledBack = service.rollback(1, Precondition.NONE, "carol");

        assertThat(rolledBack.version()).isEqualTo(4);
        assertThat(rolledBack.config().categoryWeights().overrides()).doesNotContainKey("musik");
        assertThat(rolledBack.config().thresholds().high()).isEqualTo(0.8);
        assertThat(rolledBack.hasApiKey()).isTrue();
        assertThat(service.history(1, null).get(0).changes()).containsExactly(
                new Change("/category_weights/overrides/musik",
                        obj("date", 0.4, "geo", 0.2, "title", 0.3, "description", 0.1), null));
        assertThatThrownBy(() -> service.rollback(99, Precondition.NONE, "carol"))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.code()).isEqualTo(ConfigException.Code.VERSION_NOT_FOUND));
    }

    @Test
    void stored_documents_missing_newer_fields_take_their_defaults() {
        Map<String, Object> old = ConfigDocument.toTree(MatchingConfig.DEFAULT);
        @SuppressWarnings("unchecked")
        Map<String, Object> ai = (Map<String, Object>) old.get("ai");
        ai.remove("thinking_budget");
        old.remove("blocking");
        repository.save(0, new StoredConfig(old, null, 1, clock.instant(), "python"), List.of());
        assertThat(service(null, null).load().config()).isEqualTo(MatchingConfig.DEFAULT);
    }

    @Test
    void concurrent_unconditional_writers_lose_no_update() throws Exception {
        ConfigService service = service(null, null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String category = "c" + t;
            futures.add(pool.submit(() -> {
                for (int i = 1; i <= 10; i++) {
                    double date = (20 + i) / 100.0;
                    service.update(patch(obj("category_weights", obj("overrides", obj(category,
                            obj("date", date, "geo", 0.25, "title", 0.3, "description", 0.45 - date))))));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        Map<String, ScoringWeights> overrides = new HashMap<>(service.current().config().categoryWeights().overrides());
        assertThat(overrides).containsOnlyKeys("c0", "c1", "c2", "c3");
        assertThat(overrides.values()).allSatisfy(w -> assertThat(w.date()).isEqualTo(0.30));
        assertThat(service.currentVersion()).isEqualTo(40);
    }

    private static MatchingConfig fileConfig() {
        Map<String, Object> tree = ConfigDocument.toTree(MatchingConfig.DEFAULT);
        ((Map<String, Object>) tree.get("title")).put("cross_source_type", obj("primary_weight", 0.4,
                "secondary_weight", 0.6, "blend_lower", 0.25, "blend_upper", 0.95));
        tree.put("category_weights", obj("priority", List.of("fasnacht", "versammlung"), "overrides", obj(
                "fasnacht", obj("date", 0.30, "geo", 0.30, "title", 0.25, "description", 0.15),
                "versammlung", obj("date", 0.25, "geo", 0.20, "title", 0.40, "description", 0.15))));
        MatchingConfig config = ConfigDocument.validate(tree).config();
        assertThat(config.title().crossSourceType()).isEqualTo(new TitleBlend(0.4, 0.6, 0.25, 0.95));
        return config;
    }
}
