package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.adapter.secret.Argon2PasswordHasher;
import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.OperatorChange;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.ReadAuditLogUseCase;
import org.eventdedup.config.domain.port.in.ReadAuditLogUseCase.AuditRecord;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.service.AccessService;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Config saves, rollbacks, key changes and operator changes each leave one audit row, written in the transaction of
 * the change; neither the API key nor a password ever reaches the log.
 */
@ExtendWith(FreshDatabaseExtension.class)
class AuditLogIT {

    private static final String KEY = "AIzaSecretKeyValue-1234567890";
    private static final String PASSWORD = "correct horse battery";

    private final Jdbi jdbi;
    private final ConfigService config;
    private final AccessService access;
    private final ReadAuditLogUseCase audit;

    AuditLogIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
        this.config = new ConfigService(persistence.configRepository(), new ReversingSecretCipher(), null, null,
                Clock.systemUTC());
        this.access = new AccessService(persistence.operatorRepository(), persistence.sessionRepository(),
                new Argon2PasswordHasher(), Clock.systemUTC(), AccessService.Settings.defaults());
        this.audit = persistence.auditLog();
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(h -> h.execute("TRUNCATE config_settings, config_history, operators, audit_log"
                + " RESTART IDENTITY CASCADE"));
    }

    private void patch(Map<String, Object> patch, ApiKeyChange key) {
        config.update(new UpdateConfigCommand(patch, key, Precondition.NONE, "alice"));
    }

    @Test
    void config_saves_rollbacks_and_key_changes_are_logged_newest_first() {
        patch(Map.of("thresholds", Map.of("high", 0.8)), ApiKeyChange.KEEP);
        patch(Map.of(), new ApiKeyChange.Set(SecretString.of(KEY)));
        patch(Map.of(), new ApiKeyChange.Set(SecretString.of(KEY + "x")));
        patch(Map.of(), ApiKeyChange.CLEAR);
        config.rollback(0, Precondition.NONE, "bob");
        patch(Map.of(), ApiKeyChange.KEEP); // no change: no version, no row

        List<AuditRecord> records = audit.page(50, null);

        assertThat(records).extracting(AuditRecord::action).containsExactly("config.rollback", "ai_key.removed",
                "ai_key.set", "ai_key.set", "config.save");
        assertThat(records).extracting(AuditRecord::actor).containsExactly("bob", "alice", "alice", "alice",
                "alice");
        assertThat(records.get(0).details()).isEqualTo(Map.of("version", 5, "to", 0));
        assertThat(records.get(1).details()).isEqualTo(Map.of("version", 4));
        assertThat(records.get(2).details()).isEqualTo(Map.of("version", 3, "change", "replaced"));
        assertThat(records.get(3).details()).isEqualTo(Map.of("version", 2, "change", "set"));
        assertThat(records.get(4).details()).isEqualTo(Map.of("version", 1,
                "changes", List.of(Map.of("path", "/thresholds/high", "old", 0.75, "new", 0.8))));
        assertThat(records.get(4).target()).isEqualTo("config");
        assertThat(records.get(0).id()).isGreaterThan(records.get(4).id());
        assertThat(records.get(0).at()).isNotNull();

        assertThat(audit.page(2, null)).extracting(AuditRecord::action)
                .containsExactly("config.rollback", "ai_key.removed");
        assertThat(audit.page(2, records.get(1).id())).extracting(AuditRecord::action)
                .containsExactly("ai_key.set", "ai_key.set");
        assertThat(auditText()).doesNotContain(KEY).doesNotContain(new StringBuilder(KEY).reverse());
    }

    @Test
    void a_save_with_config_and_key_changes_is_one_config_save_with_the_key_only_as_set() {
        patch(Map.of("thresholds", Map.of("low", 0.3)), new ApiKeyChange.Set(SecretString.of(KEY)));

        List<AuditRecord> records = audit.page(10, null);

        assertThat(records).singleElement().extracting(AuditRecord::action).isEqualTo("config.save");
        assertThat(records.get(0).details().get("changes").toString()).contains("/ai_api_key").contains("set");
        assertThat(auditText()).doesNotContain(KEY).doesNotContain(new StringBuilder(KEY).reverse());
    }

    @Test
    void operators_created_and_changed_are_logged_without_the_password() {
        access.add("carol", Role.VIEWER, SecretString.of(PASSWORD), "admin");
        access.change("carol", new OperatorChange(Role.EDITOR, SecretString.of(PASSWORD + "2"), true), "admin");
        access.change("carol", OperatorChange.disabled(false));

        List<AuditRecord> records = audit.page(10, null);

        assertThat(records).extracting(r -> r.actor() + " " + r.action() + " " + r.target()).containsExactly(
                "(command line) operator.changed carol", "admin operator.changed carol",
                "admin operator.created carol");
        assertThat(records.get(2).details()).isEqualTo(Map.of("name", "carol", "role", "viewer"));
        assertThat(records.get(1).details()).isEqualTo(Map.of("name", "carol", "role", "editor", "disabled", true,
                "password_changed", true));
        assertThat(records.get(0).details()).isEqualTo(Map.of("name", "carol", "disabled", false,
                "password_changed", false));
        assertThat(auditText()).doesNotContain(PASSWORD).doesNotContain("$argon2");
    }

    @Test
    void a_refused_change_writes_no_audit_row() {
        access.add("carol", Role.VIEWER, SecretString.of(PASSWORD), "admin");

        assertThatThrownBy(() -> access.add("Carol", Role.VIEWER, SecretString.of(PASSWORD), "admin"));
        assertThatThrownBy(() -> access.change("nobody", OperatorChange.disabled(true), "admin"));

        assertThat(audit.page(10, null)).hasSize(1);
    }

    private String auditText() {
        List<String> rows = jdbi.withHandle(h -> h.createQuery(
                "SELECT actor || action || coalesce(target, '') || details::text FROM audit_log")
                .mapTo(String.class).list());
        return String.join("\n", rows);
    }
}
