package org.eventdedup.config.adapter.persistence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.eventdedup.config.domain.port.out.SessionRepository;
import org.eventdedup.config.domain.port.out.StoredSession;
import org.jdbi.v3.core.Jdbi;

/** {@link SessionRepository} on {@code operator_sessions}; a session's operator is read in the same query. */
final class JdbiSessionRepository implements SessionRepository {

    private static final String INSERT = """
            INSERT INTO operator_sessions (id_hash, operator_name, created_at, last_seen_at)
            VALUES (:id, :name, :at, :at)""";

    private static final String SELECT = "SELECT s.id_hash, s.created_at AS session_created_at, s.last_seen_at, "
            + OperatorRows.OPERATOR_COLUMNS + """
             FROM operator_sessions s JOIN operators o ON o.name = s.operator_name
            WHERE s.id_hash = :id""";

    // never moves backwards when two servers touch the same session
    private static final String TOUCH =
            "UPDATE operator_sessions SET last_seen_at = :at WHERE id_hash = :id AND last_seen_at < :at";

    private static final String DELETE = "DELETE FROM operator_sessions WHERE id_hash = :id";
    private static final String DELETE_ALL_OF = "DELETE FROM operator_sessions WHERE operator_name = :name";
    private static final String DELETE_EXPIRED =
            "DELETE FROM operator_sessions WHERE last_seen_at < :idleBefore OR created_at < :createdBefore";

    private final Jdbi jdbi;

    JdbiSessionRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void create(String idHash, String operatorName, Instant createdAt) {
        jdbi.useHandle(h -> h.createUpdate(INSERT).bind("id", idHash).bind("name", operatorName)
                .bind("at", OperatorRows.timestamp(createdAt)).execute());
    }

    @Override
    public Optional<StoredSession> findSession(String idHash) {
        return jdbi.withHandle(h -> h.createQuery(SELECT).bind("id", idHash)
                .map((rs, ctx) -> new StoredSession(rs.getString("id_hash"), OperatorRows.operator(rs),
                        OperatorRows.instant(rs, "session_created_at"), OperatorRows.instant(rs, "last_seen_at")))
                .findOne());
    }

    @Override
    public void touch(String idHash, Instant lastSeenAt) {
        jdbi.useHandle(h -> h.createUpdate(TOUCH).bind("id", idHash).bind("at", OperatorRows.timestamp(lastSeenAt))
                .execute());
    }

    @Override
    public void delete(String idHash) {
        jdbi.useHandle(h -> h.createUpdate(DELETE).bind("id", idHash).execute());
    }

    @Override
    public void deleteAllOf(String operatorName) {
        jdbi.useHandle(h -> h.createUpdate(DELETE_ALL_OF).bind("name", operatorName).execute());
    }

    @Override
    public int deleteExpired(Instant idleBefore, Instant createdBefore) {
        return jdbi.withHandle(h -> h.createUpdate(DELETE_EXPIRED)
                .bind("idleBefore", OperatorRows.timestamp(idleBefore))
                .bind("createdBefore", OperatorRows.timestamp(createdBefore)).execute());
    }
}
