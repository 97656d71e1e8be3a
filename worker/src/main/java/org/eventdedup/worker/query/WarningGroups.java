package org.eventdedup.worker.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A run's warnings grouped by kind, so a hundred alike lines read as one with a count: the kind is the warning with
 * its particulars taken out (what stands in parentheses, file names, numbers), up to its first {@code ": "}.
 */
public final class WarningGroups {

    /** Examples kept per kind. */
    public static final int EXAMPLES = 3;

    private static final Pattern PARENTHESES = Pattern.compile("\\([^()]*\\)");
    private static final Pattern FILE = Pattern.compile("[\\w.-]+\\.json");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** One kind: how many warnings were of it, and the first few as they were. */
    public record Group(String kind, int count, List<String> examples) {
        public Group {
            examples = List.copyOf(examples);
        }
    }

    private WarningGroups() {
    }

    /** The groups in the order their kinds first occur. */
    public static List<Group> of(List<String> warnings) {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String warning : warnings) {
            String kind = kind(warning);
            counts.merge(kind, 1, Integer::sum);
            List<String> examples = byKind.computeIfAbsent(kind, k -> new ArrayList<>());
            if (examples.size() < EXAMPLES) {
                examples.add(warning);
            }
        }
        List<Group> groups = new ArrayList<>(byKind.size());
        byKind.forEach((kind, examples) -> groups.add(new Group(kind, counts.get(kind), examples)));
        return groups;
    }

    static String kind(String warning) {
        String general = NUMBER.matcher(FILE.matcher(PARENTHESES.matcher(warning).replaceAll("(…)"))
                .replaceAll("FILE")).replaceAll("N");
        String[] parts = general.split(": ", 3);
        return parts[0].equals("FILE") && parts.length > 1 ? parts[0] + ": " + parts[1] : parts[0];
    }
}
