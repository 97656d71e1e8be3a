package org.eventdedup.generator;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a generated data set contains, by group and name ({@code geo → missing: 412}); written as {@code stats.json}
 * beside the truth so a reader can see the mix without opening the files. Sorted maps keep the output identical run
 * to run.
 */
public final class GenerationStats {

    private final Map<String, Map<String, Long>> groups = new TreeMap<>();

    void count(String group, String name) {
        add(group, name, 1);
    }

    void add(String group, String name, long amount) {
        groups.computeIfAbsent(group, g -> new TreeMap<>()).merge(name, amount, Long::sum);
    }

    /** The count of {@code name} in {@code group}, 0 when never counted. */
    public long get(String group, String name) {
        return groups.getOrDefault(group, Map.of()).getOrDefault(name, 0L);
    }

    /** The sum over a group. */
    public long total(String group) {
        return groups.getOrDefault(group, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Read-only view, groups and names in sorted order. */
    public Map<String, Map<String, Long>> groups() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        groups.forEach((group, names) -> copy.put(group, java.util.Collections.unmodifiableMap(names)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
