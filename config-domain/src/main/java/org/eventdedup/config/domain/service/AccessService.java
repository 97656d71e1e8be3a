package org.eventdedup.config.domain.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.model.Violation;
import org.eventdedup.config.domain.port.in.AccessException;
import org.eventdedup.config.domain.port.in.AuthenticateUseCase;
import org.eventdedup.config.domain.port.in.ConfigException;
import org.eventdedup.config.domain.port.in.ManageOperatorsUseCase;
import org.eventdedup.config.domain.port.in.OperatorChange;
import org.eventdedup.config.domain.port.in.SignedIn;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.config.domain.port.out.OperatorRepository;
import org.eventdedup.config.domain.port.out.PasswordHasher;
import org.eventdedup.config.domain.port.out.SessionRepository;
import org.eventdedup.config.domain.port.out.StoredOperator;
import org.eventdedup.config.domain.port.out.StoredSession;
import org.eventdedup.config.domain.rule.OperatorRules;

/**
 * Operator accounts, sign-in and sessions (contract §1 of this session's CONTRACTS). Sessions expire after
 * {@link Settings#sessionIdle()} without use and {@link Settings#sessionMax()} after sign-in, whichever comes first;
 * their last use is written at most once per {@link #TOUCH_INTERVAL}. Failed sign-ins (login and Basic) are limited
 * per name and per client address in memory ({@link LoginThrottle}); verified Basic credentials are cached briefly
 * ({@link VerifiedCredentials}).
 */
public final class AccessService implements AuthenticateUseCase, ManageOperatorsUseCase {

    /** A session's last use is written at most this often: one write per minute and session, not per request. */
    public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    /** 32 random bytes, base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    /**
     * @param maxFailures   failed sign-ins per name or per address ...
     * @param failureWindow ... within this window, after which sign-ins are refused (429) until the oldest leaves it
     * @param basicCacheTtl how long verified Basic credentials skip Argon2
     * @param basicRecheck  how long a verified Basic credential is trusted without re-reading its operator (changes
     *                      made through another server reach this one within this time; through this one at once)
     */
    public record Settings(Duration sessionIdle, Duration sessionMax, int maxFailures, Duration failureWindow,
                           Duration basicCacheTtl, Duration basicRecheck) {
        public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
        public static final Duration DEFAULT_MAX = Duration.ofHours(12);

        public Settings {
            requirePositive(sessionIdle, "sessionIdle");
            requirePositive(sessionMax, "sessionMax");
            requirePositive(failureWindow, "failureWindow");
            requirePositive(basicCacheTtl, "basicCacheTtl");
            requirePositive(basicRecheck, "basicRecheck");
            if (maxFailures < 1) {
                throw new IllegalArgumentException("maxFailures must be positive");
            }
        }

        /**
         * The given session timeouts; 5 failures per 15 minutes; Basic credentials cached for 2 minutes and their
         * operator re-read every 5 seconds.
         */
        public static Settings of(Duration sessionIdle, Duration sessionMax) {
            return new Settings(sessionIdle, sessionMax, 5, Duration.ofMinutes(15), Duration.ofMinutes(2),
                    Duration.ofSeconds(5));
        }

        public static Settings defaults() {
            return of(DEFAULT_IDLE, DEFAULT_MAX);
        }

        private static void requirePositive(Duration d, String name) {
            if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
        }
    }

    private final OperatorRepository operators;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Settings settings;
    private final SecureRandom random = new SecureRandom();
    private final LoginThrottle throttle;
    private final VerifiedCredentials verified;
    /** Verified instead when the name is unknown, so a wrong name costs as long as a wrong password. */
    private volatile String decoyHash;

    public AccessService(OperatorRepository operators, SessionRepository sessions, PasswordHasher hasher, Clock clock,
                         Settings settings) {
        this.operators = Objects.requireNonNull(operators, "operators");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.throttle = new LoginThrottle(settings.maxFailures(), settings.failureWindow());
        this.verified = new VerifiedCredentials(settings.basicCacheTtl(), random);
    }

    // ---- sign-in

    @Override
    public SignedIn login(String name, SecretString password, String clientAddress) {
        Instant now = clock.instant();
        Operator operator = verifyThrottled(name, password, clientAddress, now)
                .orElseThrow(AccessException::invalidCredentials);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.deleteExpired(now.minus(settings.sessionIdle()), now.minus(settings.sessionMax()));
        sessions.create(hashToken(token), operator.name(), now);
        operators.recordLogin(operator.name(), now);
        return new SignedIn(token, operator.withLastLoginAt(now), now.plus(settings.sessionMax()));
    }

    @Override
    public Optional<Operator> authenticateSession(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        String idHash = hashToken(token);
        Optional<StoredSession> found = sessions.findSession(idHash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredSession session = found.get();
        Instant now = clock.instant();
        boolean idle = !now.isBefore(session.lastSeenAt().plus(settings.sessionIdle()));
        boolean tooOld = !now.isBefore(session.createdAt().plus(settings.sessionMax()));
        if (idle || tooOld || session.operator().disabled()) {
            sessions.delete(idHash);
            return Optional.empty();
        }
        if (!now.isBefore(session.lastSeenAt().plus(TOUCH_INTERVAL))) {
            sessions.touch(idHash, now);
        }
        return Optional.of(session.operator());
    }

    @Override
    public Optional<Operator> authenticateBasic(String name, SecretString password, String clientAddress) {
        Objects.requireNonNull(password, "password");
        if (name == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String key = verified.key(name, password);
        Optional<VerifiedCredentials.Entry> hit = verified.get(key, now);
        if (hit.isPresent()) {
            VerifiedCredentials.Entry entry = hit.get();
            if (now.isBefore(entry.checkedAt().plus(settings.basicRecheck()))) {
                return Optional.of(entry.operator());
            }
            // re-read (no hashing): a new password, disabling or a role change made by another server applies
            Optional<StoredOperator> stored = operators.find(entry.operator().name());
            if (stored.isPresent() && !stored.get().operator().disabled()
                    && stored.get().passwordHash().equals(entry.passwordHash())) {
                verified.rechecked(key, stored.get().operator(), now);
                return Optional.of(stored.get().operator());
            }
            verified.remove(key);
        }
        Optional<StoredOperator> stored = verifyStoredThrottled(name, password, clientAddress, now);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        operators.recordLogin(name, now);
        Operator operator = stored.get().operator().withLastLoginAt(now);
        verified.put(key, operator, stored.get().passwordHash(), now);
        return Optional.of(operator);
    }

    @Override
    public void logout(String token) {
        if (token != null && TOKEN.matcher(token).matches()) {
            sessions.delete(hashToken(token));
        }
    }

    private Optional<Operator> verifyThrottled(String name, SecretString password, String address, Instant now) {
        return verifyStoredThrottled(name, password, address, now).map(StoredOperator::operator);
    }

    /** Refuses while rate-limited (before any hashing); counts a failure, clears the name's count on success. */
    private Optional<StoredOperator> verifyStoredThrottled(String name, SecretString password, String address,
                                                           Instant now) {
        long retryAfter = throttle.retryAfterSeconds(name, address, now);
        if (retryAfter > 0) {
            throw AccessException.rateLimited(retryAfter);
        }
        // a name no operator can have (NUL, control characters, 5,000 characters) is unknown without asking the
        // database, which could not even compare a NUL
        Optional<StoredOperator> stored = possibleName(name) ? operators.find(name) : Optional.empty();
        boolean matches;
        if (stored.isEmpty()) {
            hasher.verify(password, decoyHash());
            matches = false;
        } else {
            matches = hasher.verify(password, stored.get().passwordHash()) && !stored.get().operator().disabled();
        }
        if (!matches) {
            throttle.recordFailure(name, address, now);
            return Optional.empty();
        }
        throttle.recordSuccess(name);
        return stored;
    }

    private String decoyHash() {
        String hash = decoyHash;
        if (hash == null) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            hash = hasher.hash(SecretString.of(Base64.getEncoder().encodeToString(bytes)));
            decoyHash = hash;
        }
        return hash;
    }

    /** The stored id of a token: SHA-256, hex. */
    static String hashToken(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    // ---- operators

    @Override
    public List<Operator> list() {
        return operators.list();
    }

    @Override
    public Operator add(String name, Role role, SecretString password, String actor) {
        List<Violation> violations = new ArrayList<>();
        violations.addAll(OperatorRules.checkName(name));
        if (role == null) {
            violations.add(new Violation("/role", "is required: viewer, editor or admin"));
        }
        violations.addAll(OperatorRules.checkPassword(password, true));
        if (!violations.isEmpty()) {
            throw ConfigException.invalid(violations);
        }
        Operator operator = new Operator(name, role, false, clock.instant(), null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", name);
        details.put("role", role.wireName());
        AuditEntry audit = new AuditEntry(actor, "operator.created", name, details);
        if (!operators.insert(new StoredOperator(operator, hasher.hash(password)), audit)) {
            throw new AccessException(AccessException.Code.OPERATOR_EXISTS, "an operator named '" + name
                    + "' exists already (names are unique regardless of letter case)");
        }
        return operator;
    }

    @Override
    public Operator change(String name, OperatorChange change, String actor) {
        Objects.requireNonNull(change, "change");
        List<Violation> violations = new ArrayList<>();
        if (change.isEmpty()) {
            violations.add(new Violation("/", "nothing to change: give role, password and/or disabled"));
        }
        violations.addAll(OperatorRules.checkPassword(change.password(), false));
        if (!violations.isEmpty()) {
            throw ConfigException.invalid(violations);
        }
        if (!possibleName(name)) {
            throw notFound(name);
        }
        String hash = change.password() == null ? null : hasher.hash(change.password());
        // what changed, never the password itself
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", name);
        if (change.role() != null) {
            details.put("role", change.role().wireName());
        }
        if (change.disabled() != null) {
            details.put("disabled", change.disabled());
        }
        details.put("password_changed", hash != null);
        OperatorRepository.UpdateResult result = operators.update(name, change.role(), change.disabled(), hash,
                new AuditEntry(actor, "operator.changed", name, details));
        switch (result.outcome()) {
            case NOT_FOUND -> throw notFound(name);
            case LAST_ADMIN -> throw new AccessException(AccessException.Code.LAST_ADMIN, "'" + name
                    + "' is the last enabled admin: it cannot be disabled or lose the admin role");
            case UPDATED -> {
                verified.forget(name);
                if (hash != null || Boolean.TRUE.equals(change.disabled())) {
                    sessions.deleteAllOf(name);
                }
                return result.operator();
            }
            default -> throw new IllegalStateException("unknown outcome " + result.outcome());
        }
    }

    @Override
    public boolean bootstrapAdmin(String name, SecretString password) {
        List<Violation> violations = new ArrayList<>();
        violations.addAll(OperatorRules.checkName(name));
        violations.addAll(OperatorRules.checkPassword(password, true));
        if (!violations.isEmpty()) {
            throw ConfigException.invalid(violations);
        }
        Operator admin = new Operator(name, Role.ADMIN, false, clock.instant(), null);
        return operators.insertIfNone(new StoredOperator(admin, hasher.hash(password)));
    }

    private static boolean possibleName(String name) {
        return name != null && Operator.NAME.matcher(name).matches();
    }

    private static AccessException notFound(String name) {
        return new AccessException(AccessException.Code.OPERATOR_NOT_FOUND, "there is no operator named '"
                + OperatorRules.shown(name) + "'");
    }

}
