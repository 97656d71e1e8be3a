package org.eventdedup.config.domain.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.Role;

/**
 * The operator accounts. Names are unique regardless of letter case ({@code Alice} and {@code alice} cannot both
 * exist); look-ups use the exact name.
 */
public interface OperatorRepository {

    /** Every operator, ordered by name. */
    List<Operator> list();

    Optional<StoredOperator> find(String name);

    /** Stores a new operator; false when the name (in any letter case) is taken. */
    boolean insert(StoredOperator operator);

    /** Like {@link #insert(StoredOperator)}, with the audit entry in the same transaction (when inserted). */
    default boolean insert(StoredOperator operator, AuditEntry audit) {
        return insert(operator);
    }

    /**
     * Stores the operator only when there is no operator at all, atomically across processes (two servers starting
     * at once create one admin, not two).
     *
     * @return false when an operator exists
     */
    boolean insertIfNone(StoredOperator operator);

    /**
     * Changes the given fields (null = unchanged) atomically, refusing a change that would leave no enabled admin,
     * also against concurrent changes in other processes.
     */
    UpdateResult update(String name, Role role, Boolean disabled, String passwordHash);

    /** Like {@link #update(String, Role, Boolean, String)}, with the audit entry in the same transaction (when updated). */
    default UpdateResult update(String name, Role role, Boolean disabled, String passwordHash, AuditEntry audit) {
        return update(name, role, disabled, passwordHash);
    }

    void recordLogin(String name, Instant at);

    /** The outcome of {@link #update}; {@code operator} is the stored state after an update, else null. */
    record UpdateResult(Outcome outcome, Operator operator) {
        public enum Outcome { UPDATED, NOT_FOUND, LAST_ADMIN }

        public static UpdateResult updated(Operator operator) {
            return new UpdateResult(Outcome.UPDATED, operator);
        }

        public static final UpdateResult NOT_FOUND = new UpdateResult(Outcome.NOT_FOUND, null);
        public static final UpdateResult LAST_ADMIN = new UpdateResult(Outcome.LAST_ADMIN, null);
    }
}
