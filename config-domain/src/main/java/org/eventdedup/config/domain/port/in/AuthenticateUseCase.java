package org.eventdedup.config.domain.port.in;

import java.util.Optional;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.SecretString;

/** Signing in and recognising a signed-in operator on each request. */
public interface AuthenticateUseCase {

    /**
     * Checks the credentials and opens a session.
     *
     * @param clientAddress the client's network address, for rate limiting; null when unknown
     * @throws AccessException {@code INVALID_CREDENTIALS} (the same for an unknown name, a wrong password and a
     *                         disabled operator) or {@code RATE_LIMITED}
     */
    SignedIn login(String name, SecretString password, String clientAddress);

    /** The operator of a live session token; empty for an unknown, expired or malformed token or a disabled operator. */
    Optional<Operator> authenticateSession(String token);

    /**
     * The operator of Basic credentials (verified ones are cached briefly); empty when they are wrong.
     *
     * @throws AccessException {@code RATE_LIMITED} after too many failures for the name or the address
     */
    Optional<Operator> authenticateBasic(String name, SecretString password, String clientAddress);

    /** Ends the session of the token, if any; never fails for an unknown or malformed token. */
    void logout(String token);
}
