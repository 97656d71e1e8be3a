package org.eventdedup.config.domain.port.in;

import java.util.List;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.model.SecretString;

/**
 * Operator accounts: for admins (HTTP) and for whoever runs the CLI on the host. Invalid names or passwords are a
 * {@link ConfigException} with code {@code VALIDATION_FAILED} naming the field ({@code /name}, {@code /password},
 * {@code /role}; names of 1 to 64 letters, digits or {@code . _ @ -}, passwords of 8 to 1024 characters); the other
 * refusals are {@link AccessException}s.
 */
public interface ManageOperatorsUseCase {

    /** The audit log's actor for changes made with the command line on the host. */
    String HOST_ACTOR = "(command line)";

    /** Every operator, ordered by name. */
    List<Operator> list();

    /** By whoever runs the CLI on the host (the audit log names the actor {@value #HOST_ACTOR}). */
    default Operator add(String name, Role role, SecretString password) {
        return add(name, role, password, HOST_ACTOR);
    }

    /**
     * @param actor who adds it (the audit log's actor)
     * @throws AccessException {@code OPERATOR_EXISTS} when the name is taken (in any letter case)
     */
    Operator add(String name, Role role, SecretString password, String actor);

    /**
     * Applies the change. A new password or disabling ends the operator's sessions.
     *
     * @throws AccessException {@code OPERATOR_NOT_FOUND}, or {@code LAST_ADMIN} when no enabled admin would remain
     */
    Operator change(String name, OperatorChange change, String actor);

    /** By whoever runs the CLI on the host (the audit log names the actor {@value #HOST_ACTOR}). */
    default Operator change(String name, OperatorChange change) {
        return change(name, change, HOST_ACTOR);
    }

    /**
     * Creates the first admin when there is no operator at all (first start).
     *
     * @return true when created, false when operators exist already
     */
    boolean bootstrapAdmin(String name, SecretString password);
}
