package org.eventdedup.config.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.model.Violation;
import org.eventdedup.config.domain.port.in.AccessException;
import org.eventdedup.config.domain.port.in.ConfigException;
import org.eventdedup.config.domain.port.in.OperatorChange;
import org.eventdedup.config.domain.port.in.SignedIn;
import org.eventdedup.config.domain.port.out.StoredOperator;
import org.eventdedup.config.domain.testing.FastPasswordHasher;
import org.eventdedup.config.domain.testing.InMemoryAccessStore;
import org.eventdedup.config.domain.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AccessServiceTest {
    static final SecretString ADMIN_PASSWORD = SecretString.of("admin-password-1");
    static final SecretString EDITOR_PASSWORD = SecretString.of("editor-password-1");
    static final String HERE = "192.0.2.1";

    final InMemoryAccessStore store = new InMemoryAccessStore();
    final FastPasswordHasher hasher = new FastPasswordHasher();
    final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    final AccessService service = new AccessService(store, store, hasher, clock, AccessService.Settings.defaults());

    @BeforeEach
    void operators() {
        assertThat(service.bootstrapAdmin("admin", ADMIN_PASSWORD)).isTrue();
        service.add("ed", Role.EDITOR, EDITOR_PASSWORD);
    }

    private static AccessException.Code code(Runnable action) {
        try {
            action.run();
        } catch (AccessException e) {
            return e.code();
        }
        throw new AssertionError("no AccessException");
    }

    private static List<String> violationPaths(Runnable action) {
        try {
            action.run();
        } catch (ConfigException e) {
            assertThat(e.code()).isEqualTo(ConfigException.Code.VALIDATION_FAILED);
            return e.violations().stream().map(Violation::path).toList();
        }
        throw new AssertionError("no ConfigException");
    }

    @Nested
    class Login {
        @Test
        void gives_a_random_token_stored_only_as_its_sha256() {
            SignedIn first = service.login("ed", EDITOR_PASSWORD, HERE);
            SignedIn second = service.login("ed", EDITOR_PASSWORD, HERE);

            assertThat(first.token()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(second.token());
            assertThat(store.sessionIds()).containsExactlyInAnyOrder(AccessService.hashToken(first.token()),
                    AccessService.hashToken(second.token()));
            assertThat(store.sessionIds()).doesNotContain(first.token(), second.token());
            assertThat(AccessService.hashToken("abc"))
                    .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            assertThat(first.operator()).isEqualTo(new Operator("ed", Role.EDITOR, false, clock.instant(),
                    clock.instant()));
            assertThat(first.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(12)));
            assertThat(first.toString()).doesNotContain(first.token());
        }

        @Test
        void records_the_last_login() {
            clock.advance(Duration.ofMinutes(5));
            service.login("ed", EDITOR_PASSWORD, HERE);

            assertThat(store.find("ed").orElseThrow().operator().lastLoginAt()).isEqualTo(clock.instant());
        }

        @Test
        void a_wrong_password_an_unknown_name_and_a_disabled_operator_fail_alike() {
            service.add("gone", Role.VIEWER, SecretString.of("gone-password"));
            service.change("gone", OperatorChange.disabled(true));

            for (Runnable attempt : List.<Runnable>of(
                    () -> service.login("ed", SecretString.of("wrong-password"), HERE),
                    () -> service.login("nobody", EDITOR_PASSWORD, HERE),
                    () -> service.login("gone", SecretString.of("gone-password"), HERE),
                    () -> service.login("ED", EDITOR_PASSWORD, HERE))) {
                assertThatThrownBy(attempt::run).isInstanceOf(AccessException.class)
                        .hasMessage("invalid username or password")
                        .extracting(e -> ((AccessException) e).code())
                        .isEqualTo(AccessException.Code.INVALID_CREDENTIALS);
            }
        }

        @Test
        void a_name_no_operator_can_have_fails_like_an_unknown_one_and_costs_a_verification_too() {
            for (String name : List.of("ed\u0000", "e\u001bd", "e".repeat(5000), "")) {
                int before = hasher.verifications();
                assertThat(code(() -> service.login(name, EDITOR_PASSWORD, name.isEmpty() ? HERE : "10.0.0." + name
                        .length()))).as(name).isEqualTo(AccessException.Code.INVALID_CREDENTIALS);
                assertThat(hasher.verifications()).as(name).isEqualTo(before + 1);
                assertThat(service.authenticateBasic(name, EDITOR_PASSWORD, "10.1.0." + name.length())).isEmpty();
            }
        }

        @Test
        void an_unknown_name_costs_a_verification_like_a_wrong_password() {
            int before = hasher.verifications();
            code(() -> service.login("nobody", EDITOR_PASSWORD, HERE));

            assertThat(hasher.verifications()).isEqualTo(before + 1);
        }
    }

    @Nested
    class Sessions {
        @Test
        void a_live_token_names_its_operator_with_the_current_role() {
            SignedIn in = service.login("ed", EDITOR_PASSWORD, HERE);
            assertThat(service.authenticateSession(in.token())).map(Operator::role).contains(Role.EDITOR);

            service.change("ed", OperatorChange.role(Role.VIEWER));

            assertThat(service.authenticateSession(in.token())).map(Operator::role).contains(Role.VIEWER);
        }

        @Test
        void unknown_and_malformed_tokens_are_nobody() {
            service.login("ed", EDITOR_PASSWORD, HERE);

            assertThat(service.authenticateSession(null)).isEmpty();
            assertThat(service.authenticateSession("")).isEmpty();
            assertThat(service.authenticateSession("x".repeat(43))).isEmpty();
            assertThat(service.authenticateSession("not a token; DROP TABLE")).isEmpty();
            assertThat(service.authenticateSession(AccessService.hashToken("x"))).isEmpty();
        }

        @Test
        void an_idle_session_expires_after_the_idle_timeout() {
            SignedIn in = service.login("ed", EDITOR_PASSWORD, HERE);

            clock.advance(Duration.ofMinutes(30).minusSeconds(1));
            assertThat(service.authenticateSession(in.token())).isPresent();
            clock.advance(Duration.ofMinutes(30).minusSeconds(1));
            assertThat(service.authenticateSession(in.token())).isPresent();
            clock.advance(Duration.ofMinutes(30));

            assertThat(service.authenticateSession(in.token())).isEmpty();
            assertThat(store.sessionIds()).as("the expired session is removed").isEmpty();
        }

        @Test
        void a_used_session_expires_at_the_absolute_limit() {
            SignedIn in = service.login("ed", EDITOR_PASSWORD, HERE);
            for (int i = 0; i < 12 * 6 - 1; i++) {
                clock.advance(Duration.ofMinutes(10));
                assertThat(service.authenticateSession(in.token())).as("after %d min", (i + 1) * 10).isPresent();
            }
            clock.advance(Duration.ofMinutes(10));

            assertThat(service.authenticateSession(in.token())).isEmpty();
        }

        @Test
        void the_last_use_is_written_at_most_once_a_minute() {
            SignedIn in = service.login("ed", EDITOR_PASSWORD, HERE);
            String id = AccessService.hashToken(in.token());
            Instant signedIn = clock.instant();

            clock.advance(Duration.ofSeconds(59));
            service.authenticateSession(in.token());
            assertThat(store.lastSeen(id)).contains(signedIn);

            clock.advance(Duration.ofSeconds(1));
            service.authenticateSession(in.token());
            assertThat(store.lastSeen(id)).contains(clock.instant());
        }

        @Test
        void custom_timeouts_apply() {
            AccessService shortLived = new AccessService(store, store, hasher, clock,
                    AccessService.Settings.of(Duration.ofMinutes(2), Duration.ofMinutes(5)));
            SignedIn in = shortLived.login("ed", EDITOR_PASSWORD, HERE);

            clock.advance(Duration.ofMinutes(2));
            assertThat(shortLived.authenticateSession(in.token())).isEmpty();
        }

        @Test
        void logout_ends_the_session_and_tolerates_anything() {
            SignedIn in = service.login("ed", EDITOR_PASSWORD, HERE);

            service.logout(in.token());
            service.logout(in.token());
            service.logout(null);
            service.logout("garbage");

            assertThat(service.authenticateSession(in.token())).isEmpty();
        }

        @Test
        void a_new_password_or_disabling_ends_the_operators_sessions() {
            SignedIn first = service.login("ed", EDITOR_PASSWORD, HERE);
            SignedIn admin = service.login("admin", ADMIN_PASSWORD, HERE);
            service.change("ed", OperatorChange.password(SecretString.of("a-new-password")));
            assertThat(service.authenticateSession(first.token())).isEmpty();

            SignedIn second = service.login("ed", SecretString.of("a-new-password"), HERE);
            service.change("ed", OperatorChange.disabled(true));
            assertThat(service.authenticateSession(second.token())).isEmpty();
            assertThat(service.authenticateSession(admin.token())).as("other operators' sessions").isPresent();
        }

        @Test
        void login_removes_expired_sessions() {
            service.login("ed", EDITOR_PASSWORD, HERE);
            clock.advance(Duration.ofHours(1));
            SignedIn fresh = service.login("ed", EDITOR_PASSWORD, HERE);

            assertThat(store.sessionIds()).containsExactly(AccessService.hashToken(fresh.token()));
        }
    }

    @Nested
    class RateLimit {
        @Test
        void five_failures_for_a_name_refuse_further_attempts_even_with_the_right_password() {
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(10));
                String address = "198.51.100." + i;
                assertThat(code(() -> service.login("ed", SecretString.of("wrong-password"), address)))
                        .isEqualTo(AccessException.Code.INVALID_CREDENTIALS);
            }
            int verifications = hasher.verifications();
            AccessException refused = (AccessException) catchThrowable(
                    () -> service.login("ed", EDITOR_PASSWORD, "203.0.113.9"));

            assertThat(refused.code()).isEqualTo(AccessException.Code.RATE_LIMITED);
            // the first failure was 40 s before the last one: it leaves the 15-minute window in 900 - 40 s
            assertThat(refused.retryAfterSeconds()).isEqualTo(860);
            assertThat(hasher.verifications()).as("no hashing while limited").isEqualTo(verifications);
            assertThat(code(() -> service.login("ED", EDITOR_PASSWORD, "203.0.113.9")))
                    .as("names are limited regardless of case").isEqualTo(AccessException.Code.RATE_LIMITED);

            clock.advance(Duration.ofSeconds(860));
            assertThat(service.login("ed", EDITOR_PASSWORD, "203.0.113.9").operator().name()).isEqualTo("ed");
        }

        @Test
        void five_failures_from_an_address_refuse_it_for_any_name() {
            for (int i = 0; i < 5; i++) {
                int n = i;
                code(() -> service.login("guess" + n, SecretString.of("wrong-password"), HERE));
            }

            assertThat(code(() -> service.login("ed", EDITOR_PASSWORD, HERE)))
                    .isEqualTo(AccessException.Code.RATE_LIMITED);
            assertThat(service.login("ed", EDITOR_PASSWORD, "192.0.2.2").operator().name()).isEqualTo("ed");
        }

        @Test
        void a_success_clears_the_names_failures() {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 4; i++) {
                    int n = round * 10 + i;
                    code(() -> service.login("ed", SecretString.of("wrong-password"), "198.51.100." + n));
                }
                service.login("ed", EDITOR_PASSWORD, "203.0.113." + round);
            }
            assertThat(code(() -> service.login("ed", SecretString.of("wrong-password"), "203.0.113.7")))
                    .isEqualTo(AccessException.Code.INVALID_CREDENTIALS);
        }

        @Test
        void basic_failures_count_too() {
            for (int i = 0; i < 5; i++) {
                assertThat(service.authenticateBasic("ed", SecretString.of("wrong-password"), HERE)).isEmpty();
            }
            assertThat(code(() -> service.authenticateBasic("ed", EDITOR_PASSWORD, HERE)))
                    .isEqualTo(AccessException.Code.RATE_LIMITED);
            assertThat(code(() -> service.login("ed", EDITOR_PASSWORD, "192.0.2.99")))
                    .isEqualTo(AccessException.Code.RATE_LIMITED);
        }

        @Test
        void memory_stays_bounded_by_the_failures_of_one_window() {
            LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15));
            Instant t = Instant.parse("2025-01-01T00:00:00Z");
            for (int i = 0; i < 3000; i++) {
                throttle.recordFailure("name" + i, "addr" + i, t.plusSeconds(i));
            }
            // 3000 s later, everything recorded before the last 15 minutes has been dropped at a prune
            assertThat(throttle.trackedKeys()).isLessThan(2 * 3000).isGreaterThan(0);
            for (int i = 0; i < 1024; i++) {
                throttle.recordFailure("late" + i, null, t.plusSeconds(10_000));
            }
            assertThat(throttle.trackedKeys()).isLessThanOrEqualTo(1024 + 2 * 1024);
        }
    }

    private static Throwable catchThrowable(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("nothing thrown");
    }

    @Nested
    class Basic {
        @Test
        void verified_credentials_are_cached_so_the_hash_runs_once() {
            int before = hasher.verifications();
            assertThat(service.authenticateBasic("ed", EDITOR_PASSWORD, HERE)).map(Operator::role)
                    .contains(Role.EDITOR);
            assertThat(service.authenticateBasic("ed", EDITOR_PASSWORD, HERE)).isPresent();
            assertThat(service.authenticateBasic("ed", EDITOR_PASSWORD, "192.0.2.7")).isPresent();

            assertThat(hasher.verifications()).isEqualTo(before + 1);
        }

        @Test
        void the_cache_expires() {
            service.authenticateBasic("ed", EDITOR_PASSWORD, HERE);
            int before = hasher.verifications();
            clock.advance(Duration.ofMinutes(2));

            assertThat(service.authenticateBasic("ed", EDITOR_PASSWORD, HERE)).isPresent();
            assertThat(hasher.verifications()).isEqualTo(before + 1);
        }

        @Test
        void a_wrong_password_is_never_served_from_the_cache() {
            service.authenticateBasic("ed", EDITOR_PASSWORD, HERE);

            assertThat(service.authenticateBasic("ed", SecretString.of("editor-password-2"), HERE)).isEmpty();
            assertThat(service.authenticateBasic("admin", EDITOR_PASSWORD, HERE)).isEmpty();
        }

        @Test
        void a_new_password_or_disabling_takes_effect_at_once_despite_the_cache() {
            service.authenticateBasic("ed", EDITOR_PASSWORD, HERE);
            service.change("ed", OperatorChange.password(SecretString.of("a-new-password")));
            assertThat(service.authenticateBasic("ed", EDITOR_PASSWORD, HERE)).isEmpty();

            assertThat(service.authenticateBasic("ed", SecretString.of("a-new-password"), HERE)).isPresent();
            service.change("ed", OperatorChange.disabled(true));
            assertThat(service.authenticateBasic("ed", SecretString.of("a-new-password"), HERE)).isEmpty();
        }

        @Test
        void a_change_made_by_another_server_applies_within_the_recheck_interval_without_hashing() {
            AccessService other = new AccessService(store, store, hasher, clock, AccessService.Settings.defaults());
            service.authenticateBasic("ed", EDITOR_PASSWORD, HERE);
            int verifications = hasher.verifications();
            other.change("ed", OperatorChange.role(Role.VIEWER));

            clock.advance(Duration.ofSeconds(4));
            assertThat(service.authenticateBasic("ed", EDITOR_PASSWORD, HERE)).map(Operator::role)
                    .as("trusted for 5 s").contains(Role.EDITOR);
            clock.advance(Duration.ofSeconds(1));
            assertThat(service.authenticateBasic("ed", EDITOR_PASSWORD, HERE)).map(Operator::role)
                    .contains(Role.VIEWER);
            other.change("ed", OperatorChange.disabled(true));
            clock.advance(Duration.ofSeconds(5));
            assertThat(service.authenticateBasic("ed", EDITOR_PASSWORD, HERE)).isEmpty();
            assertThat(hasher.verifications()).as("re-reads, not re-hashes, until the change")
                    .isEqualTo(verifications + 1);
        }

        @Test
        void a_role_change_takes_effect_at_once_despite_the_cache() {
            service.authenticateBasic("ed", EDITOR_PASSWORD, HERE);
            service.change("ed", OperatorChange.role(Role.VIEWER));

            assertThat(service.authenticateBasic("ed", EDITOR_PASSWORD, HERE)).map(Operator::role)
                    .contains(Role.VIEWER);
        }

        @Test
        void the_cache_key_is_neither_the_password_nor_stable_across_processes() {
            VerifiedCredentials one = new VerifiedCredentials(Duration.ofMinutes(1), new java.security.SecureRandom());
            VerifiedCredentials two = new VerifiedCredentials(Duration.ofMinutes(1), new java.security.SecureRandom());

            String key = one.key("ed", EDITOR_PASSWORD);
            assertThat(key).doesNotContain(EDITOR_PASSWORD.reveal()).isEqualTo(one.key("ed", EDITOR_PASSWORD))
                    .isNotEqualTo(two.key("ed", EDITOR_PASSWORD)).isNotEqualTo(one.key("e", SecretString.of("d" + EDITOR_PASSWORD.reveal())));
        }

        @Test
        void the_cache_holds_at_most_its_maximum() {
            VerifiedCredentials cache = new VerifiedCredentials(Duration.ofMinutes(1), new java.security.SecureRandom());
            for (int i = 0; i < VerifiedCredentials.MAX_ENTRIES + 50; i++) {
                cache.put("k" + i, new Operator("ed", Role.EDITOR, false, clock.instant(), null), "hash",
                        clock.instant());
            }
            assertThat(cache.size()).isEqualTo(VerifiedCredentials.MAX_ENTRIES);
            assertThat(cache.get("k0", clock.instant())).isEmpty();
            assertThat(cache.get("k" + (VerifiedCredentials.MAX_ENTRIES + 49), clock.instant())).isPresent();
        }
    }

    @Nested
    class Operators {
        @Test
        void lists_operators_by_name() {
            service.add("bob", Role.VIEWER, SecretString.of("bob-password"));

            assertThat(service.list()).extracting(Operator::name).containsExactly("admin", "bob", "ed");
            assertThat(service.list()).extracting(Operator::role)
                    .containsExactly(Role.ADMIN, Role.VIEWER, Role.EDITOR);
        }

        @Test
        void a_name_is_taken_regardless_of_case() {
            assertThat(code(() -> service.add("Ed", Role.VIEWER, SecretString.of("another-password"))))
                    .isEqualTo(AccessException.Code.OPERATOR_EXISTS);
        }

        @Test
        void bad_names_passwords_and_missing_roles_name_their_fields() {
            assertThat(violationPaths(() -> service.add("", null, SecretString.of("short"))))
                    .containsExactly("/name", "/role", "/password");
            assertThat(violationPaths(() -> service.add("a:b", Role.VIEWER, null)))
                    .containsExactly("/name", "/password");
            assertThat(violationPaths(() -> service.add("x".repeat(65), Role.VIEWER, SecretString.of("long-enough"))))
                    .containsExactly("/name");
            assertThat(violationPaths(() -> service.add("ok", Role.VIEWER, SecretString.of("p".repeat(1025)))))
                    .containsExactly("/password");
            // hashed as UTF-8, an unpaired surrogate would become '?'
            assertThat(violationPaths(() -> service.add("ok", Role.VIEWER, SecretString.of("abcd\ud800efgh"))))
                    .containsExactly("/password");
            assertThat(violationPaths(() -> service.change("ed", OperatorChange.password(
                    SecretString.of("abcdefgh\udc00"))))).containsExactly("/password");
            assertThat(service.add("emoji", Role.VIEWER, SecretString.of("\ud83c\udf89".repeat(8))).name())
                    .isEqualTo("emoji");
            assertThat(violationPaths(() -> service.change("ed", new OperatorChange(null, null, null))))
                    .containsExactly("/");
            assertThat(service.add("a.b_c-d@e", Role.VIEWER, SecretString.of("12345678")).name())
                    .isEqualTo("a.b_c-d@e");
        }

        @Test
        void the_stored_password_is_a_hash() {
            StoredOperator stored = store.find("ed").orElseThrow();

            assertThat(stored.passwordHash()).startsWith("fast$").doesNotContain(EDITOR_PASSWORD.reveal());
            assertThat(stored.toString()).doesNotContain(stored.passwordHash()).contains("***");
        }

        @Test
        void the_last_enabled_admin_cannot_be_disabled_or_demoted() {
            assertThat(code(() -> service.change("admin", OperatorChange.disabled(true))))
                    .isEqualTo(AccessException.Code.LAST_ADMIN);
            assertThat(code(() -> service.change("admin", OperatorChange.role(Role.EDITOR))))
                    .isEqualTo(AccessException.Code.LAST_ADMIN);

            service.change("ed", OperatorChange.role(Role.ADMIN));
            assertThat(service.change("admin", OperatorChange.disabled(true)).disabled()).isTrue();
            assertThat(code(() -> service.change("ed", OperatorChange.role(Role.VIEWER))))
                    .isEqualTo(AccessException.Code.LAST_ADMIN);
            assertThat(service.change("admin", OperatorChange.disabled(false)).disabled()).isFalse();
            assertThat(service.change("ed", OperatorChange.role(Role.VIEWER)).role()).isEqualTo(Role.VIEWER);
        }

        @Test
        void an_unknown_operator_is_not_found() {
            assertThat(code(() -> service.change("nobody", OperatorChange.disabled(true))))
                    .isEqualTo(AccessException.Code.OPERATOR_NOT_FOUND);
            // a name no operator can have is not looked up (PostgreSQL cannot even compare a NUL)
            assertThat(code(() -> service.change("ed\u0000", OperatorChange.disabled(true))))
                    .isEqualTo(AccessException.Code.OPERATOR_NOT_FOUND);
        }

        @Test
        void a_disabled_operator_can_be_enabled_again() {
            service.change("ed", OperatorChange.disabled(true));
            service.change("ed", OperatorChange.disabled(false));

            assertThat(service.login("ed", EDITOR_PASSWORD, HERE).operator().disabled()).isFalse();
        }

        @Test
        void bootstrap_creates_an_admin_only_when_there_is_no_operator() {
            InMemoryAccessStore empty = new InMemoryAccessStore();
            AccessService fresh = new AccessService(empty, empty, hasher, clock, AccessService.Settings.defaults());

            assertThat(fresh.bootstrapAdmin("root", ADMIN_PASSWORD)).isTrue();
            assertThat(fresh.bootstrapAdmin("other", ADMIN_PASSWORD)).isFalse();
            assertThat(fresh.list()).extracting(Operator::name, Operator::role)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("root", Role.ADMIN));
            assertThat(violationPaths(() -> fresh.bootstrapAdmin("root", SecretString.of("short"))))
                    .containsExactly("/password");
        }

        @Test
        void roles_are_ordered_and_parsed_by_wire_name() {
            assertThat(Role.ADMIN.includes(Role.EDITOR)).isTrue();
            assertThat(Role.EDITOR.includes(Role.VIEWER)).isTrue();
            assertThat(Role.VIEWER.includes(Role.EDITOR)).isFalse();
            assertThat(Role.parse("editor")).contains(Role.EDITOR);
            assertThat(Role.parse("EDITOR")).isEqualTo(Optional.empty());
            assertThat(new Operator("x", Role.ADMIN, true, clock.instant(), null).may(Role.VIEWER)).isFalse();
        }
    }
}
