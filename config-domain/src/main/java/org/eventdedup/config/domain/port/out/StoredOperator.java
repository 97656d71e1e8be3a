package org.eventdedup.config.domain.port.out;

import java.util.Objects;
import org.eventdedup.config.domain.model.Operator;

/**
 * An operator with the encoded password hash, as the repository stores it. {@link #toString()} leaves the hash out,
 * so the record can never print it by accident.
 */
public record StoredOperator(Operator operator, String passwordHash) {
    public StoredOperator {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    @Override
    public String toString() {
        return "StoredOperator[operator=" + operator + ", passwordHash=***]";
    }
}
