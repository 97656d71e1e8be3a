package org.eventdedup.worker.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.text.CodePoints;
import org.eventdedup.worker.port.LabelStore;

/**
 * Labels in memory over the listings of an {@link InMemoryPipelineStorage}; keeps the adapter's contract
 * ({@code LabelStoreContract} runs against both). Labels of listings removed from the storage are not removed here.
 */
public final class InMemoryLabelStore implements LabelStore {

    private static final Comparator<IdPair> PAIRS =
            Comparator.comparing(IdPair::a, CodePoints.ORDER).thenComparing(IdPair::b, CodePoints.ORDER);

    /** A change of the ordered change list. */
    private record Change(long revision, IdPair pair) {
    }

    private final InMemoryPipelineStorage storage;
    private final Clock clock;
    private final TreeMap<IdPair, PairLabel> labels = new TreeMap<>(PAIRS);
    private final List<Change> changes = new ArrayList<>();
    private final List<AuditEntry> audit = new ArrayList<>();
    private long revision;

    public InMemoryLabelStore(InMemoryPipelineStorage storage, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized List<PairLabel> put(List<NewLabel> newLabels, String operator, AuditEntry entry,
                                           List<EventVersion> unchanged) {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(entry, "audit");
        if (!unchanged.isEmpty()) {
            Map<Long, Integer> versions = new HashMap<>();
            storage.canonicals().forEach(row -> versions.put(row.id(), (int) row.version()));
            for (EventVersion read : unchanged) {
                Integer now = versions.get(read.id());
                if (now == null || now != read.version()) {
                    throw new EventChangedException(read.id(), read.version(), now);
                }
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<PairLabel> stored = new ArrayList<>(newLabels.size());
        for (NewLabel label : newLabels) {
            changes.add(new Change(++revision, label.pair()));
            PairLabel row = new PairLabel(label.pair(), label.verdict(), label.note(), operator, now);
            labels.put(label.pair(), row);
            stored.add(row);
        }
        audit.add(entry);
        return stored;
    }

    @Override
    public synchronized Optional<PairLabel> remove(IdPair pair, AuditEntry entry) {
        PairLabel removed = labels.remove(pair);
        if (removed != null) {
            changes.add(new Change(++revision, pair));
            audit.add(entry);
        }
        return Optional.ofNullable(removed);
    }

    @Override
    public synchronized Optional<PairLabel> find(IdPair pair) {
        return Optional.ofNullable(labels.get(pair));
    }

    @Override
    public synchronized List<PairLabel> page(int limit, int offset) {
        // a clock that did not move between two puts: the later put first, as its revision says
        Map<IdPair, Long> lastRevision = new java.util.HashMap<>();
        for (Change change : changes) {
            lastRevision.put(change.pair(), change.revision());
        }
        List<PairLabel> newestFirst = new ArrayList<>(labels.values());
        newestFirst.sort(Comparator.comparing(PairLabel::labelledAt)
                .thenComparing(label -> lastRevision.get(label.pair())).reversed());
        return List.copyOf(newestFirst.subList(Math.min(offset, newestFirst.size()),
                Math.min(offset + limit, newestFirst.size())));
    }

    @Override
    public synchronized int count() {
        return labels.size();
    }

    @Override
    public synchronized List<PairLabel> all() {
        return List.copyOf(labels.values());
    }

    @Override
    public synchronized Changes changesSince(long after) {
        Set<IdPair> pairs = new HashSet<>();
        long newest = after;
        for (Change change : changes) {
            if (change.revision() > after) {
                pairs.add(change.pair());
                newest = Math.max(newest, change.revision());
            }
        }
        return new Changes(newest, pairs);
    }

    @Override
    public Set<String> unknownListings(Collection<String> ids) {
        Map<String, InMemoryPipelineStorage.ListingRow> stored = storage.listings();
        Set<String> unknown = new HashSet<>();
        for (String id : ids) {
            if (!stored.containsKey(id)) {
                unknown.add(id);
            }
        }
        return unknown;
    }

    /** The audit entries written, oldest first. */
    public synchronized List<AuditEntry> audit() {
        return List.copyOf(audit);
    }
}
