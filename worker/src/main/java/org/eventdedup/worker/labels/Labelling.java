package org.eventdedup.worker.labels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.worker.labels.LabelException.FieldProblem;
import org.eventdedup.worker.port.CanonicalMembers;
import org.eventdedup.worker.port.CanonicalMembers.Members;
import org.eventdedup.worker.port.LabelStore;
import org.eventdedup.worker.port.LabelStore.EventVersion;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.worker.port.LabelStore.NewLabel;
import org.eventdedup.worker.port.LabelStore.PairLabel;
import org.eventdedup.worker.port.LabelStore.Verdict;

/**
 * The operator's verdicts: one pair at a time ({@link #put}, {@link #remove}), or many at once from a merge or split
 * of canonical events. Every write goes through {@link LabelStore}, with one audit entry in the same transaction; it
 * takes effect on the next pipeline run.
 */
public final class Labelling {

    /** The longest note a label keeps (the column's CHECK). */
    public static final int MAX_NOTE_LENGTH = 1000;

    private final LabelStore labels;
    private final CanonicalMembers events;
    private final Runnable changed;

    public Labelling(LabelStore labels, CanonicalMembers events) {
        this(labels, events, () -> { });
    }

    /** @param changed told after each stored change (the worker of this process wakes for it) */
    public Labelling(LabelStore labels, CanonicalMembers events, Runnable changed) {
        this.labels = Objects.requireNonNull(labels, "labels");
        this.events = Objects.requireNonNull(events, "events");
        this.changed = Objects.requireNonNull(changed, "changed");
    }

    /**
     * Stores the verdict on the pair (replacing its current one); the audit entry {@code label.set} names the
     * previous verdict.
     *
     * @throws LabelException INVALID at {@code #/b} for the same id twice, at {@code #/a} / {@code #/b} for an unknown
     *                        listing, at {@code #/note} for a note over {@value #MAX_NOTE_LENGTH} characters
     */
    public PairLabel put(String a, String b, Verdict verdict, String note, String operator) {
        Objects.requireNonNull(verdict, "verdict");
        if (a.equals(b)) {
            throw LabelException.invalid("#/b", "must name another listing than a");
        }
        if (note != null && note.codePointCount(0, note.length()) > MAX_NOTE_LENGTH) {
            throw LabelException.invalid("#/note", "may be at most " + MAX_NOTE_LENGTH + " characters, got "
                    + note.codePointCount(0, note.length()));
        }
        Set<String> unknown = labels.unknownListings(List.of(a, b));
        if (!unknown.isEmpty()) {
            List<FieldProblem> problems = new ArrayList<>();
            if (unknown.contains(a)) {
                problems.add(new FieldProblem("#/a", "is not a stored listing"));
            }
            if (unknown.contains(b)) {
                problems.add(new FieldProblem("#/b", "is not a stored listing"));
            }
            throw LabelException.invalid("The label names " + problems.size()
                    + (problems.size() == 1 ? " listing" : " listings") + " that is not stored.", problems);
        }
        IdPair pair = IdPair.of(a, b);
        String previous = labels.find(pair).map(label -> label.verdict().wire()).orElse(null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("a", pair.a());
        details.put("b", pair.b());
        details.put("label", verdict.wire());
        details.put("previous", previous == null ? "none" : previous);
        PairLabel stored = labels.put(List.of(new NewLabel(pair, verdict, note)), operator,
                new AuditEntry(operator, "label.set", target(pair), details)).get(0);
        changed.run();
        return stored;
    }

    /** Removes the pair's label (audit {@code label.removed}); empty when it had none. */
    public Optional<PairLabel> remove(String a, String b, String operator) {
        IdPair pair = IdPair.of(a, b);
        Optional<PairLabel> current = labels.find(pair);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("a", pair.a());
        details.put("b", pair.b());
        current.ifPresent(label -> details.put("label", label.verdict().wire()));
        Optional<PairLabel> removed = labels.remove(pair, new AuditEntry(operator, "label.removed", target(pair),
                details));
        removed.ifPresent(label -> changed.run());
        return removed;
    }

    public List<PairLabel> page(int limit, int offset) {
        return labels.page(limit, offset);
    }

    public int count() {
        return labels.count();
    }

    /**
     * {@code same} between every listing of the one event and every listing of the other (audit
     * {@code event.merge}).
     *
     * @return the number of labels written
     * @throws LabelException NOT_FOUND for an unknown {@code id}, INVALID at {@code #/with} for an unknown or the same
     *                        other event, STALE when either version differs from the stored one
     */
    public int merge(long id, int version, long with, int withVersion, String operator) {
        Members one = events.members(id).orElseThrow(() -> notFound(id));
        if (with == id) {
            throw LabelException.invalid("#/with", "must name another canonical event than " + id);
        }
        Members other = events.members(with).orElseThrow(() -> LabelException.invalid("#/with",
                "is not a canonical event (" + with + ")"));
        checkVersion(one, version);
        checkVersion(other, withVersion);
        List<NewLabel> written = new ArrayList<>();
        for (String a : one.listingIds()) {
            for (String b : other.listingIds()) {
                written.add(new NewLabel(IdPair.of(a, b), Verdict.SAME, null));
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ids", List.of(id, with));
        details.put("labels_written", written.size());
        put(written, operator, new AuditEntry(operator, "event.merge", Long.toString(id), details),
                List.of(new EventVersion(id, version), new EventVersion(with, withVersion)));
        return written.size();
    }

    /**
     * {@code different} between listings of different groups, {@code same} within each group (audit
     * {@code event.split}).
     *
     * @param groups every listing of the event in exactly one group, at least two non-empty groups
     * @return the number of labels written
     * @throws LabelException NOT_FOUND for an unknown event, INVALID naming {@code #/groups/i/j} (or
     *                        {@code #/groups}), STALE for a version that is not the stored one
     */
    public int split(long id, int version, List<List<String>> groups, String operator) {
        Members event = events.members(id).orElseThrow(() -> notFound(id));
        checkGroups(event, groups);
        checkVersion(event, version);
        List<NewLabel> written = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<String> group = groups.get(g);
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    written.add(new NewLabel(IdPair.of(group.get(i), group.get(j)), Verdict.SAME, null));
                }
                for (int h = g + 1; h < groups.size(); h++) {
                    for (String other : groups.get(h)) {
                        written.add(new NewLabel(IdPair.of(group.get(i), other), Verdict.DIFFERENT, null));
                    }
                }
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("groups", groups);
        details.put("labels_written", written.size());
        put(written, operator, new AuditEntry(operator, "event.split", Long.toString(id), details),
                List.of(new EventVersion(id, version)));
        return written.size();
    }

    private static void checkGroups(Members event, List<List<String>> groups) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> members = new HashSet<>(event.listingIds());
        Map<String, String> seen = new HashMap<>();
        int nonEmpty = 0;
        for (int g = 0; g < groups.size(); g++) {
            List<String> group = groups.get(g);
            if (group.isEmpty()) {
                problems.add(new FieldProblem("#/groups/" + g, "must not be empty"));
                continue;
            }
            nonEmpty++;
            for (int j = 0; j < group.size(); j++) {
                String listing = group.get(j);
                String pointer = "#/groups/" + g + "/" + j;
                if (!members.contains(listing)) {
                    problems.add(new FieldProblem(pointer, "is not a listing of canonical event " + event.id()));
                } else if (seen.containsKey(listing)) {
                    problems.add(new FieldProblem(pointer, "is already in " + seen.get(listing).substring(2)));
                } else {
                    seen.put(listing, pointer);
                }
            }
        }
        if (nonEmpty < 2 && problems.isEmpty()) {
            problems.add(new FieldProblem("#/groups", "must hold at least two non-empty groups"));
        }
        Set<String> missing = new TreeSet<>(members);
        missing.removeAll(seen.keySet());
        if (!missing.isEmpty()) {
            problems.add(new FieldProblem("#/groups", "must place every listing of the event; missing "
                    + String.join(", ", missing)));
        }
        if (!problems.isEmpty()) {
            throw LabelException.invalid("The split of canonical event " + event.id() + " is invalid.", problems);
        }
    }

    /** Stores labels only while the events are at the versions the operator saw (a run may change them meanwhile). */
    private void put(List<NewLabel> written, String operator, AuditEntry audit, List<EventVersion> seen) {
        try {
            labels.put(written, operator, audit, seen);
        } catch (LabelStore.EventChangedException e) {
            throw stale(e.id(), seen.stream().filter(v -> v.id() == e.id()).findFirst().orElseThrow().version(),
                    e.stored());
        }
        changed.run();
    }

    private static void checkVersion(Members event, int version) {
        if (event.version() != version) {
            throw stale(event.id(), version, event.version());
        }
    }

    /** @param stored null when the event is gone */
    private static LabelException stale(long id, int sent, Integer stored) {
        return new LabelException(LabelException.Code.STALE, "Canonical event " + id
                + " changed since it was read: version " + sent + " was sent, "
                + (stored == null ? "it is gone now" : "the stored one is " + stored) + ". Reload it and try again.",
                List.of());
    }

    private static LabelException notFound(long id) {
        return new LabelException(LabelException.Code.NOT_FOUND, "There is no canonical event with id " + id + ".",
                List.of());
    }

    private static String target(IdPair pair) {
        return pair.a() + "|" + pair.b();
    }
}
