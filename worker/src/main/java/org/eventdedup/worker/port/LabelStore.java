package org.eventdedup.worker.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.matching.evaluation.IdPair;

/**
 * Operators' verdicts on pairs of listings: one current label per pair. Every change is also written to the audit
 * log and to the ordered list of label changes, in the same transaction, so a pipeline run can re-cluster exactly the
 * components whose labels changed since the revision it last applied.
 */
public interface LabelStore {

    enum Verdict {
        SAME, DIFFERENT;

        /** The wire and database form: {@code same} / {@code different}. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** @throws IllegalArgumentException for anything but {@code same} or {@code different} */
        public static Verdict fromWire(String value) {
            for (Verdict verdict : values()) {
                if (verdict.wire().equals(value)) {
                    return verdict;
                }
            }
            throw new IllegalArgumentException("must be \"same\" or \"different\"");
        }
    }

    /** A stored label; {@code pair} is in code-point order. */
    record PairLabel(IdPair pair, Verdict verdict, String note, String labelledBy, Instant labelledAt) {
        public PairLabel {
            Objects.requireNonNull(pair, "pair");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(labelledBy, "labelledBy");
            Objects.requireNonNull(labelledAt, "labelledAt");
        }
    }

    /** A verdict to store: {@code pair} in code-point order, the note optional. */
    record NewLabel(IdPair pair, Verdict verdict, String note) {
        public NewLabel {
            Objects.requireNonNull(pair, "pair");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /** The label changes after a revision: the pairs touched (put or removed) and the newest revision. */
    record Changes(long revision, Set<IdPair> pairs) {
        public Changes {
            pairs = Set.copyOf(pairs);
        }
    }

    /**
     * Stores the labels (replacing each pair's current one) and the audit entry, in one transaction.
     *
     * @return the labels as stored, in the order given
     */
    default List<PairLabel> put(List<NewLabel> labels, String operator, AuditEntry audit) {
        return put(labels, operator, audit, List.of());
    }

    /** A canonical event's version as the caller read it. */
    record EventVersion(long id, int version) {
    }

    /** Nothing was stored: a canonical event is no longer at the version read (or is gone). */
    final class EventChangedException extends RuntimeException {
        private final long id;
        private final Integer stored;

        public EventChangedException(long id, int read, Integer stored) {
            super("canonical event " + id + " changed since it was read: version " + read + " was read, "
                    + (stored == null ? "it is gone" : "the stored one is " + stored));
            this.id = id;
            this.stored = stored;
        }

        public long id() {
            return id;
        }

        /** The stored version, null when the event is gone. */
        public Integer stored() {
            return stored;
        }
    }

    /**
     * Stores the labels and the audit entry as {@link #put(List, String, AuditEntry)} does, only while each event of
     * {@code unchanged} is still at its version — checked in the same transaction, so a pipeline run changing one
     * either committed before (refused) or runs after and applies the labels.
     *
     * @throws EventChangedException when one is not; nothing is stored then
     */
    List<PairLabel> put(List<NewLabel> labels, String operator, AuditEntry audit, List<EventVersion> unchanged);

    /** Removes the pair's label (with the audit entry); empty when there was none (then nothing is written). */
    Optional<PairLabel> remove(IdPair pair, AuditEntry audit);

    Optional<PairLabel> find(IdPair pair);

    /** Newest first (then by pair). */
    List<PairLabel> page(int limit, int offset);

    int count();

    /** Every current label (the clustering constraints and ground truth). */
    List<PairLabel> all();

    /** The pairs whose label was put or removed after {@code revision}, and the newest revision. */
    Changes changesSince(long revision);

    /** The ids among {@code ids} that are not stored listings. */
    Set<String> unknownListings(Collection<String> ids);
}
