package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.secret.Argon2PasswordHasher;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code event-dedup operator ...} through the launcher on a fresh database. */
@ExtendWith(FreshDatabaseExtension.class)
class OperatorCommandIT {

    private final DatabaseSettings database;
    private final Jdbi jdbi;

    OperatorCommandIT(DatabaseSettings database, Jdbi jdbi) {
        this.database = database;
        this.jdbi = jdbi;
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(h -> h.execute("TRUNCATE operators CASCADE"));
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String stdin, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("EVENT_DEDUP_DATABASE_URL", database.jdbcUrl());
        if (database.user() != null) {
            env.put("EVENT_DEDUP_DATABASE_USER", database.user());
        }
        if (database.password() != null) {
            env.put("EVENT_DEDUP_DATABASE_PASSWORD", database.password());
        }
        env.put("EVENT_DEDUP_LOG_LEVEL", "WARN");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String hashOf(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM operators WHERE name = :n").bind("n", name)
                .mapTo(String.class).one());
    }

    @Test
    void adds_with_a_password_from_stdin_and_lists() {
        Run added = run("pw-from-stdin-1\n", "operator", "add", "alice", "--role", "admin", "--password-stdin");

        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).isEqualTo("Added admin 'alice'\n");
        assertThat(new Argon2PasswordHasher().verify(SecretString.of("pw-from-stdin-1"), hashOf("alice"))).isTrue();

        Run list = run("", "operator", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("NAME").contains("alice").contains("admin").contains("enabled")
                .contains("never");
    }

    @Test
    void generates_and_prints_a_password_when_none_is_given() {
        Run added = run("", "operator", "add", "bob", "--role", "viewer");

        assertThat(added.code()).as(added.err()).isZero();
        String password = added.out().lines().filter(l -> l.startsWith("Password: ")).findFirst().orElseThrow()
                .substring("Password: ".length());
        assertThat(new Argon2PasswordHasher().verify(SecretString.of(password), hashOf("bob"))).isTrue();

        Run changed = run("", "operator", "passwd", "bob");
        String next = changed.out().lines().filter(l -> l.startsWith("Password: ")).findFirst().orElseThrow()
                .substring("Password: ".length());
        assertThat(next).isNotEqualTo(password);
        assertThat(new Argon2PasswordHasher().verify(SecretString.of(next), hashOf("bob"))).isTrue();
    }

    @Test
    void passwd_from_stdin_disable_and_enable() {
        run("first-password\n", "operator", "add", "root", "--role", "admin", "--password-stdin");
        run("carol-password\n", "operator", "add", "carol", "--role", "editor", "--password-stdin");

        assertThat(run("second-password\r\n", "operator", "passwd", "carol", "--password-stdin").code()).isZero();
        assertThat(new Argon2PasswordHasher().verify(SecretString.of("second-password"), hashOf("carol"))).isTrue();
        assertThat(run("", "operator", "disable", "carol").out()).startsWith("Disabled 'carol'");
        assertThat(run("", "operator", "list").out()).containsPattern("carol\\s+editor\\s+disabled");
        assertThat(run("", "operator", "enable", "carol").code()).isZero();
        assertThat(run("", "operator", "list").out()).containsPattern("carol\\s+editor\\s+enabled");
    }

    @Test
    void refusals_are_one_line_usage_errors() {
        run("first-password\n", "operator", "add", "root", "--role", "admin", "--password-stdin");

        assertUsage(run("", "operator", "disable", "root"), "last enabled admin");
        assertUsage(run("", "operator", "disable", "nobody"), "no operator named 'nobody'");
        assertUsage(run("x\n", "operator", "add", "Root", "--role", "viewer"), "exists already");
        assertUsage(run("short\n", "operator", "add", "dan", "--role", "viewer", "--password-stdin"),
                "password must be 8 to 1024 characters, got 5");
        assertUsage(run("", "operator", "add", "bad name", "--role", "viewer"), "name must be");
        assertUsage(run("\n", "operator", "passwd", "root", "--password-stdin"), "stdin holds no password");
    }

    @Test
    void a_password_on_the_command_line_is_refused_without_touching_the_database() {
        Run r = run("", "operator", "add", "eve", "--role", "viewer", "--password", "on-argv-secret");

        assertUsage(r, "never taken from the command line");
        assertThat(r.err()).doesNotContain("on-argv-secret");
        assertUsage(run("", "operator", "add", "eve", "--role", "root"), "--role must be viewer, editor or admin");
        assertUsage(run("", "operator", "add", "eve"), "needs --role");
        assertUsage(run("", "operator"), "needs a subcommand");
        assertUsage(run("", "operator", "remove", "eve"), "unknown operator subcommand");
        long operators = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM operators").mapTo(Long.class).one());
        assertThat(operators).isZero();
    }

    private static void assertUsage(Run r, String fragment) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("event-dedup: ").contains(fragment).endsWith("\n");
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception");
    }
}
