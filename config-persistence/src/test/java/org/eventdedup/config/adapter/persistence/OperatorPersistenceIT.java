package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.eventdedup.config.adapter.secret.Argon2PasswordHasher;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.in.SignedIn;
import org.eventdedup.config.domain.port.out.OperatorRepository;
import org.eventdedup.config.domain.port.out.OperatorRepository.UpdateResult;
import org.eventdedup.config.domain.port.out.SessionRepository;
import org.eventdedup.config.domain.port.out.StoredOperator;
import org.eventdedup.config.domain.service.AccessService;
import org.eventdedup.config.domain.testing.InMemoryAccessStore;
import org.eventdedup.config.domain.testing.MutableClock;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator and session repositories on a real PostgreSQL, checked against the in-memory fake's answers. */
@ExtendWith(FreshDatabaseExtension.class)
class OperatorPersistenceIT {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00.000001Z");
    private static final String ID_A = "a".repeat(64);
    private static final String ID_B = "b".repeat(64);

    private final PersistenceModule persistence;
    private final Jdbi jdbi;
    private final OperatorRepository operators;
    private final SessionRepository sessions;

    OperatorPersistenceIT(PersistenceModule persistence) {
        this.persistence = persistence;
        this.jdbi = persistence.jdbi();
        this.operators = persistence.operatorRepository();
        this.sessions = persistence.sessionRepository();
    }

    @Test
    void with_no_admin_at_all_other_operators_can_still_be_changed() {
        operators.insert(stored("lone", Role.VIEWER, T0));

        assertThat(operators.update("lone", Role.EDITOR, null, "$new").outcome())
                .isEqualTo(UpdateResult.Outcome.UPDATED);
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(h -> h.execute("TRUNCATE operators CASCADE"));
    }

    private static StoredOperator stored(String name, Role role, Instant at) {
        return new StoredOperator(new Operator(name, role, false, at, null), "$hash-of-" + name);
    }

    @Test
    void a_scripted_session_gets_the_same_answers_as_from_the_fake() {
        InMemoryAccessStore fake = new InMemoryAccessStore();
        assertThat(play(operators, sessions)).containsExactlyElementsOf(play(fake, fake));
    }

    private static List<Object> play(OperatorRepository o, SessionRepository s) {
        List<Function<Void, Object>> script = List.of(
                x -> o.list(),
                x -> o.find("root"),
                x -> o.insertIfNone(stored("root", Role.ADMIN, T0)),
                x -> o.insertIfNone(stored("other", Role.ADMIN, T0)),
                x -> o.insert(stored("ed", Role.EDITOR, T0.plusSeconds(1))),
                x -> o.insert(stored("ED", Role.VIEWER, T0)),
                x -> o.insert(stored("root", Role.VIEWER, T0)),
                x -> o.insert(stored("bob", Role.VIEWER, T0.plusSeconds(2))),
                x -> o.list(),
                x -> o.find("ed"),
                x -> o.find("Ed"),
                x -> o.update("root", Role.EDITOR, null, null),
                x -> o.update("root", null, true, null),
                x -> o.update("nobody", Role.EDITOR, null, null),
                x -> o.update("ed", Role.ADMIN, null, "$new-hash"),
                x -> o.find("ed").map(StoredOperator::passwordHash),
                x -> o.update("root", Role.VIEWER, true, null),
                x -> o.update("ed", null, true, null),
                x -> o.update("root", Role.ADMIN, false, null),
                x -> o.update("ed", null, true, null),
                x -> o.update("bob", null, null, null),
                x -> {
                    o.recordLogin("bob", T0.plusSeconds(60));
                    return o.find("bob");
                },
                x -> {
                    s.create(ID_A, "bob", T0);
                    s.create(ID_B, "root", T0);
                    return s.findSession(ID_A);
                },
                x -> s.findSession("c".repeat(64)),
                x -> {
                    s.touch(ID_A, T0.plusSeconds(120));
                    s.touch(ID_A, T0.plusSeconds(90));
                    return s.findSession(ID_A);
                },
                x -> s.deleteExpired(T0.plusSeconds(100), T0.minusSeconds(1)),
                x -> s.findSession(ID_B),
                x -> {
                    s.create(ID_B, "root", T0.plusSeconds(200));
                    return s.deleteExpired(T0, T0.plusSeconds(150));
                },
                x -> {
                    s.deleteAllOf("bob");
                    return s.findSession(ID_A);
                },
                x -> {
                    s.delete(ID_B);
                    s.delete(ID_B);
                    return s.findSession(ID_B);
                },
                x -> o.update("root", Role.VIEWER, null, null),
                x -> o.update("ed", null, false, null),
                x -> o.update("root", Role.VIEWER, null, null),
                x -> o.update("ed", Role.EDITOR, null, null),
                x -> o.update("bob", Role.EDITOR, true, "$h"),
                x -> o.list());
        List<Object> answers = new ArrayList<>();
        for (Function<Void, Object> step : script) {
            answers.add(step.apply(null));
        }
        return answers;
    }

    @Test
    void a_sessions_row_goes_with_its_operator_and_holds_hashes_only() {
        operators.insert(stored("ann", Role.VIEWER, T0));
        sessions.create(ID_A, "ann", T0);

        assertThatThrownBy(() -> sessions.create("plain-token-not-a-hash", "ann", T0))
                .hasMessageContaining("operator_sessions_id_hash_check");
        jdbi.useHandle(h -> h.execute("DELETE FROM operators WHERE name = 'ann'"));

        long left = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM operator_sessions").mapTo(Long.class)
                .one());
        assertThat(left).isZero();
    }

    @Test
    void bad_names_and_roles_are_refused_by_the_schema_too() {
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("INSERT INTO operators (name, role, password_hash,"
                + " created_at) VALUES ('a:b', 'viewer', 'x', now())"))).hasMessageContaining("operators_name_check");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("INSERT INTO operators (name, role, password_hash,"
                + " created_at) VALUES ('ab', 'root', 'x', now())"))).hasMessageContaining("operators_role_check");
    }

    @Test
    void two_servers_bootstrapping_at_once_create_one_admin() throws Exception {
        List<Boolean> created = race(8, i -> () -> operators.insertIfNone(stored("admin" + i, Role.ADMIN, T0)));

        assertThat(created).containsOnlyOnce(true);
        assertThat(operators.list()).hasSize(1);
    }

    @Test
    void two_admins_disabling_each_other_at_once_leave_one_enabled() throws Exception {
        for (int round = 0; round < 10; round++) {
            empty();
            operators.insert(stored("a", Role.ADMIN, T0));
            operators.insert(stored("b", Role.ADMIN, T0));
            List<UpdateResult.Outcome> outcomes = race(2, i -> () -> operators.update(i == 0 ? "a" : "b",
                    i == 0 ? null : Role.VIEWER, i == 0 ? true : null, null).outcome());

            assertThat(outcomes).containsExactlyInAnyOrder(UpdateResult.Outcome.UPDATED,
                    UpdateResult.Outcome.LAST_ADMIN);
            assertThat(operators.list()).filteredOn(op -> op.role() == Role.ADMIN && !op.disabled()).hasSize(1);
        }
    }

    @Test
    void sign_in_with_argon2_on_the_database_end_to_end() {
        MutableClock clock = new MutableClock(T0);
        AccessService service = new AccessService(operators, sessions, new Argon2PasswordHasher(), clock,
                AccessService.Settings.defaults());
        assertThat(service.bootstrapAdmin("admin", SecretString.of("bootstrap-password"))).isTrue();

        SignedIn in = service.login("admin", SecretString.of("bootstrap-password"), "127.0.0.1");
        clock.advance(Duration.ofMinutes(20));

        assertThat(service.authenticateSession(in.token())).map(Operator::name).contains("admin");
        assertThat(operators.find("admin").orElseThrow().passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        List<String> ids = jdbi.withHandle(h -> h.createQuery("SELECT id_hash FROM operator_sessions")
                .mapTo(String.class).list());
        assertThat(ids).containsExactly(sha256(in.token()));
        assertThat(operators.find("admin").orElseThrow().operator().lastLoginAt()).isEqualTo(T0);

        clock.advance(Duration.ofMinutes(30));
        assertThat(service.authenticateSession(in.token())).isEmpty();
        long left = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM operator_sessions").mapTo(Long.class)
                .one());
        assertThat(left).as("the expired session is deleted").isZero();
    }

    private static String sha256(String token) throws IllegalStateException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> race(int threads, Function<Integer, Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> work = task.apply(i);
                futures.add(pool.submit(() -> {
                    go.await();
                    return work.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
