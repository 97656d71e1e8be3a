package org.eventdedup.config.domain.port.in;

import java.time.Instant;
import java.util.Objects;
import org.eventdedup.config.domain.model.Operator;

/**
 * A new session: the token goes to the client (cookie) once and is stored only as its hash. {@link #toString()}
 * leaves the token out.
 *
 * @param expiresAt when the session ends at the latest (absolute expiry); idle expiry may end it sooner
 */
public record SignedIn(String token, Operator operator, Instant expiresAt) {
    public SignedIn {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "SignedIn[token=***, operator=" + operator + ", expiresAt=" + expiresAt + "]";
    }
}
