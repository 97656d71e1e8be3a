package org.eventdedup.config.domain.port.in;

import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.model.SecretString;

/** A change to one operator; null fields stay as they are. */
public record OperatorChange(Role role, SecretString password, Boolean disabled) {

    public static OperatorChange role(Role role) {
        return new OperatorChange(role, null, null);
    }

    public static OperatorChange password(SecretString password) {
        return new OperatorChange(null, password, null);
    }

    public static OperatorChange disabled(boolean disabled) {
        return new OperatorChange(null, null, disabled);
    }

    public boolean isEmpty() {
        return role == null && password == null && disabled == null;
    }
}
