package org.eventdedup.config.adapter.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.config.domain.port.out.OperatorRepository;
import org.eventdedup.config.domain.port.out.StoredOperator;
import org.jdbi.v3.core.Jdbi;

/** {@link OperatorRepository} on the {@code operators} table. */
final class JdbiOperatorRepository implements OperatorRepository {

    private static final String SELECT_ALL = "SELECT " + OperatorRows.OPERATOR_COLUMNS
            + " FROM operators o ORDER BY o.name";

    private static final String SELECT_ONE = "SELECT " + OperatorRows.OPERATOR_COLUMNS
            + ", o.password_hash FROM operators o WHERE o.name = :name";

    // ON CONFLICT without a target: the primary key and the lower(name) index both count
    private static final String INSERT = """
            INSERT INTO operators (name, role, password_hash, disabled, created_at, last_login_at)
            VALUES (:name, :role, :hash, :disabled, :createdAt, NULL)
            ON CONFLICT DO NOTHING""";

    private static final String INSERT_IF_EMPTY = """
            INSERT INTO operators (name, role, password_hash, disabled, created_at, last_login_at)
            SELECT :name, :role, :hash, :disabled, :createdAt, NULL
             WHERE NOT EXISTS (SELECT 1 FROM operators)""";

    // Every enabled admin and the target, locked in name order (no deadlock between two such changes): a concurrent
    // change waits here, then re-reads, so two admins disabling each other cannot both succeed.
    private static final String LOCK_ADMINS_AND_TARGET = """
            SELECT name FROM operators
             WHERE (role = 'admin' AND NOT disabled) OR name = :name
             ORDER BY name FOR UPDATE""";

    private static final String COUNT_OTHER_ENABLED_ADMINS =
            "SELECT count(*) FROM operators WHERE role = 'admin' AND NOT disabled AND name <> :name";

    private static final String UPDATE = """
            UPDATE operators
               SET role = :role, disabled = :disabled, password_hash = COALESCE(:hash, password_hash)
             WHERE name = :name""";

    private static final String RECORD_LOGIN = "UPDATE operators SET last_login_at = :at WHERE name = :name";

    private final Jdbi jdbi;

    JdbiOperatorRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public List<Operator> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT_ALL).map((rs, ctx) -> OperatorRows.operator(rs)).list());
    }

    @Override
    public Optional<StoredOperator> find(String name) {
        return jdbi.withHandle(h -> h.createQuery(SELECT_ONE).bind("name", name)
                .map((rs, ctx) -> new StoredOperator(OperatorRows.operator(rs), rs.getString("password_hash")))
                .findOne());
    }

    @Override
    public boolean insert(StoredOperator operator) {
        return insert(operator, null);
    }

    @Override
    public boolean insert(StoredOperator operator, AuditEntry audit) {
        return jdbi.inTransaction(h -> {
            boolean inserted = bindInsert(h.createUpdate(INSERT), operator).execute() == 1;
            if (inserted && audit != null) {
                JdbiAuditLog.write(h, audit);
            }
            return inserted;
        });
    }

    @Override
    public boolean insertIfNone(StoredOperator operator) {
        return jdbi.inTransaction(h -> {
            // conflicts with itself: a second server starting at the same moment waits, then sees the first admin
            h.execute("LOCK TABLE operators IN SHARE ROW EXCLUSIVE MODE");
            return bindInsert(h.createUpdate(INSERT_IF_EMPTY), operator).execute() == 1;
        });
    }

    private static org.jdbi.v3.core.statement.Update bindInsert(org.jdbi.v3.core.statement.Update update,
                                                                StoredOperator stored) {
        Operator o = stored.operator();
        return update.bind("name", o.name())
                .bind("role", o.role().wireName())
                .bind("hash", stored.passwordHash())
                .bind("disabled", o.disabled())
                .bind("createdAt", OperatorRows.timestamp(o.createdAt()));
    }

    @Override
    public UpdateResult update(String name, Role role, Boolean disabled, String passwordHash) {
        return update(name, role, disabled, passwordHash, null);
    }

    @Override
    public UpdateResult update(String name, Role role, Boolean disabled, String passwordHash, AuditEntry audit) {
        return jdbi.inTransaction(h -> {
            h.createQuery(LOCK_ADMINS_AND_TARGET).bind("name", name).mapTo(String.class).list();
            Optional<Operator> current = h.createQuery(SELECT_ONE).bind("name", name)
                    .map((rs, ctx) -> OperatorRows.operator(rs)).findOne();
            if (current.isEmpty()) {
                return UpdateResult.NOT_FOUND;
            }
            Operator next = current.get();
            if (role != null) {
                next = next.withRole(role);
            }
            if (disabled != null) {
                next = next.withDisabled(disabled);
            }
            if (isEnabledAdmin(current.get()) && !isEnabledAdmin(next)) {
                long others = h.createQuery(COUNT_OTHER_ENABLED_ADMINS).bind("name", name).mapTo(Long.class).one();
                if (others == 0) {
                    return UpdateResult.LAST_ADMIN;
                }
            }
            h.createUpdate(UPDATE).bind("name", name).bind("role", next.role().wireName())
                    .bind("disabled", next.disabled()).bind("hash", passwordHash).execute();
            if (audit != null) {
                JdbiAuditLog.write(h, audit);
            }
            return UpdateResult.updated(next);
        });
    }

    private static boolean isEnabledAdmin(Operator operator) {
        return operator.role() == Role.ADMIN && !operator.disabled();
    }

    @Override
    public void recordLogin(String name, Instant at) {
        jdbi.useHandle(h -> h.createUpdate(RECORD_LOGIN).bind("name", name).bind("at", OperatorRows.timestamp(at))
                .execute());
    }
}
