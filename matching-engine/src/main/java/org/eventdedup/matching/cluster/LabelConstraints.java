package org.eventdedup.matching.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.text.CodePoints;

/**
 * Operators' verdicts as clustering constraints: each {@code same} pair must end in one cluster (must-link), each
 * {@code different} pair must not (cannot-link). A pair is in at most one of the two sets.
 *
 * <p>A chain of must-links can join the two listings of a cannot-link (A=B, B=C, A≠C): a {@link LabelContradiction}.
 * The must-links win (the three stay together) and the contradiction is reported, never dropped silently.
 */
public record LabelConstraints(Set<IdPair> same, Set<IdPair> different) {

    public static final LabelConstraints NONE = new LabelConstraints(Set.of(), Set.of());

    public LabelConstraints {
        same = Set.copyOf(same);
        different = Set.copyOf(different);
        for (IdPair pair : same) {
            if (different.contains(pair)) {
                throw new IllegalArgumentException("the pair (" + pair.a() + ", " + pair.b()
                        + ") is labelled both same and different");
            }
        }
    }

    public boolean isEmpty() {
        return same.isEmpty() && different.isEmpty();
    }

    /** The constraints both of whose listings pass {@code inBatch}: labels on other listings do not apply. */
    public LabelConstraints within(Predicate<String> inBatch) {
        Set<IdPair> keptSame = new LinkedHashSet<>();
        for (IdPair pair : same) {
            if (inBatch.test(pair.a()) && inBatch.test(pair.b())) {
                keptSame.add(pair);
            }
        }
        Set<IdPair> keptDifferent = new LinkedHashSet<>();
        for (IdPair pair : different) {
            if (inBatch.test(pair.a()) && inBatch.test(pair.b())) {
                keptDifferent.add(pair);
            }
        }
        return keptSame.size() == same.size() && keptDifferent.size() == different.size() ? this
                : new LabelConstraints(keptSame, keptDifferent);
    }

    /** Every listing a constraint names. */
    public Set<String> listings() {
        Set<String> ids = new LinkedHashSet<>();
        for (IdPair pair : same) {
            ids.add(pair.a());
            ids.add(pair.b());
        }
        for (IdPair pair : different) {
            ids.add(pair.a());
            ids.add(pair.b());
        }
        return ids;
    }

    /**
     * The cannot-links whose two listings a chain of must-links joins, ordered by the different pair; each with the
     * shortest chain of {@code same} labels between them (fewest labels, then by id).
     */
    public List<LabelContradiction> contradictions() {
        if (same.isEmpty() || different.isEmpty()) {
            return List.of();
        }
        // adjacency of the must-link graph, neighbours in code-point order so the chain found is always the same
        Map<String, TreeSet<String>> neighbours = new HashMap<>();
        for (IdPair pair : same) {
            neighbours.computeIfAbsent(pair.a(), k -> new TreeSet<>(CodePoints.ORDER)).add(pair.b());
            neighbours.computeIfAbsent(pair.b(), k -> new TreeSet<>(CodePoints.ORDER)).add(pair.a());
        }
        Map<String, String> group = groups(neighbours);
        List<IdPair> sortedDifferent = new ArrayList<>(different);
        sortedDifferent.sort(PAIR_ORDER);
        List<LabelContradiction> found = new ArrayList<>();
        for (IdPair pair : sortedDifferent) {
            String ga = group.get(pair.a());
            if (ga != null && ga.equals(group.get(pair.b()))) {
                found.add(new LabelContradiction(pair, chain(neighbours, pair.a(), pair.b())));
            }
        }
        return List.copyOf(found);
    }

    static final Comparator<IdPair> PAIR_ORDER =
            Comparator.comparing(IdPair::a, CodePoints.ORDER).thenComparing(IdPair::b, CodePoints.ORDER);

    /** Each listing of the must-link graph to a representative of its connected group. */
    private static Map<String, String> groups(Map<String, TreeSet<String>> neighbours) {
        Map<String, String> group = new HashMap<>(neighbours.size() * 2);
        for (String start : new TreeMap<>(neighbours).keySet()) {
            if (group.containsKey(start)) {
                continue;
            }
            Deque<String> queue = new ArrayDeque<>();
            queue.add(start);
            group.put(start, start);
            while (!queue.isEmpty()) {
                for (String next : neighbours.get(queue.poll())) {
                    if (group.putIfAbsent(next, start) == null) {
                        queue.add(next);
                    }
                }
            }
        }
        return group;
    }

    /** The listings on a shortest must-link path from {@code from} to {@code to}, both included. */
    private static List<String> chain(Map<String, TreeSet<String>> neighbours, String from, String to) {
        Map<String, String> previous = new HashMap<>();
        previous.put(from, from);
        Deque<String> queue = new ArrayDeque<>();
        queue.add(from);
        while (!queue.isEmpty() && !previous.containsKey(to)) {
            String at = queue.poll();
            for (String next : neighbours.get(at)) {
                if (previous.putIfAbsent(next, at) == null) {
                    queue.add(next);
                }
            }
        }
        List<String> path = new ArrayList<>();
        for (String at = to; !at.equals(from); at = previous.get(at)) {
            path.add(at);
        }
        path.add(from);
        Collections.reverse(path);
        return path;
    }

    /** Builds constraints from pairs given in any order (each put into code-point order). */
    public static LabelConstraints of(Collection<IdPair> same, Collection<IdPair> different) {
        Objects.requireNonNull(same, "same");
        Objects.requireNonNull(different, "different");
        return new LabelConstraints(new LinkedHashSet<>(same), new LinkedHashSet<>(different));
    }
}
