package org.eventdedup.config.domain.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.port.out.OperatorRepository;
import org.eventdedup.config.domain.port.out.SessionRepository;
import org.eventdedup.config.domain.port.out.StoredOperator;
import org.eventdedup.config.domain.port.out.StoredSession;

/**
 * Thread-safe in-memory operators and sessions with the contract of the JDBI repositories (names unique regardless of
 * letter case; a session goes with its operator), for unit tests.
 */
public final class InMemoryAccessStore implements OperatorRepository, SessionRepository {
    private final Map<String, StoredOperator> operators = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    private record Session(String operatorName, Instant createdAt, Instant lastSeenAt) {
    }

    // ---- operators

    @Override
    public synchronized List<Operator> list() {
        return operators.values().stream().map(StoredOperator::operator)
                .sorted(Comparator.comparing(Operator::name)).toList();
    }

    @Override
    public synchronized Optional<StoredOperator> find(String name) {
        return Optional.ofNullable(operators.get(name));
    }

    @Override
    public synchronized boolean insert(StoredOperator operator) {
        String lower = operator.operator().name().toLowerCase(Locale.ROOT);
        if (operators.keySet().stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(lower))) {
            return false;
        }
        operators.put(operator.operator().name(), operator);
        return true;
    }

    @Override
    public synchronized boolean insertIfNone(StoredOperator operator) {
        return operators.isEmpty() && insert(operator);
    }

    @Override
    public synchronized UpdateResult update(String name, Role role, Boolean disabled, String passwordHash) {
        StoredOperator stored = operators.get(name);
        if (stored == null) {
            return UpdateResult.NOT_FOUND;
        }
        Operator next = stored.operator();
        if (role != null) {
            next = next.withRole(role);
        }
        if (disabled != null) {
            next = next.withDisabled(disabled);
        }
        Operator changed = next;
        long otherAdmins = operators.values().stream().map(StoredOperator::operator)
                .filter(o -> !o.name().equals(name) && o.role() == Role.ADMIN && !o.disabled()).count();
        if (isEnabledAdmin(stored.operator()) && !isEnabledAdmin(changed) && otherAdmins == 0) {
            return UpdateResult.LAST_ADMIN;
        }
        operators.put(name, new StoredOperator(changed, passwordHash == null ? stored.passwordHash() : passwordHash));
        return UpdateResult.updated(changed);
    }

    private static boolean isEnabledAdmin(Operator operator) {
        return operator.role() == Role.ADMIN && !operator.disabled();
    }

    @Override
    public synchronized void recordLogin(String name, Instant at) {
        StoredOperator stored = operators.get(name);
        if (stored != null) {
            operators.put(name, new StoredOperator(stored.operator().withLastLoginAt(at), stored.passwordHash()));
        }
    }

    // ---- sessions

    @Override
    public synchronized void create(String idHash, String operatorName, Instant createdAt) {
        if (!operators.containsKey(operatorName)) {
            throw new IllegalArgumentException("no operator " + operatorName);
        }
        sessions.put(idHash, new Session(operatorName, createdAt, createdAt));
    }

    @Override
    public synchronized Optional<StoredSession> findSession(String idHash) {
        Session s = sessions.get(idHash);
        StoredOperator operator = s == null ? null : operators.get(s.operatorName());
        return operator == null ? Optional.empty()
                : Optional.of(new StoredSession(idHash, operator.operator(), s.createdAt(), s.lastSeenAt()));
    }

    @Override
    public synchronized void touch(String idHash, Instant lastSeenAt) {
        // never backwards, like the database's conditional update (two servers may touch one session)
        sessions.computeIfPresent(idHash, (k, s) -> s.lastSeenAt().isBefore(lastSeenAt)
                ? new Session(s.operatorName(), s.createdAt(), lastSeenAt) : s);
    }

    @Override
    public synchronized void delete(String idHash) {
        sessions.remove(idHash);
    }

    @Override
    public synchronized void deleteAllOf(String operatorName) {
        sessions.values().removeIf(s -> s.operatorName().equals(operatorName));
    }

    @Override
    public synchronized int deleteExpired(Instant idleBefore, Instant createdBefore) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.lastSeenAt().isBefore(idleBefore) || s.createdAt().isBefore(createdBefore));
        return before - sessions.size();
    }

    /** Test hook: the stored session ids (hashes). */
    public synchronized List<String> sessionIds() {
        return new ArrayList<>(sessions.keySet());
    }

    /** Test hook: when a session was last seen, as stored. */
    public synchronized Optional<Instant> lastSeen(String idHash) {
        return Optional.ofNullable(sessions.get(idHash)).map(Session::lastSeenAt);
    }
}
