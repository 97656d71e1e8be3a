package org.eventdedup.matching.tuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.config.domain.model.MatchingConfig;

/**
 * A suggested config change and the evidence for it. Nothing is saved: the caller shows it, and an operator applies
 * the patch like any other edit.
 *
 * @param objective what was maximised
 * @param changes   the changed fields with their current and suggested values, empty when nothing pays off
 * @param config    the current config with the changes applied
 * @param before    the current config on the held-out folds
 * @param after     the tuning procedure's configs on the folds each was not tuned on: the figure to expect
 * @param folds     k of the cross-validation
 * @param labels    the labels the figures rest on
 */
public record Suggestion(Objective objective, List<ParameterChange> changes, MatchingConfig config, Quality before,
                         Quality after, int folds, LabelBasis labels) {

    public Suggestion {
        Objects.requireNonNull(objective, "objective");
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(labels, "labels");
    }

    /** The changes as an RFC 7396 merge patch of the config document: only the changed fields, nested. */
    public Map<String, Object> patch() {
        Map<String, Object> root = new LinkedHashMap<>();
        for (ParameterChange change : changes) {
            Map<String, Object> node = root;
            List<String> path = change.path();
            for (String part : path.subList(0, path.size() - 1)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(part,
                        k -> new LinkedHashMap<String, Object>());
                node = child;
            }
            node.put(path.get(path.size() - 1), change.after());
        }
        return frozen(root);
    }

    /**
     * The suggestion as one JSON-ready tree (maps, lists, strings, numbers), the same for the command line and the
     * HTTP API: {@code {objective, patch, changes: [{path, before, after}], before: {precision, recall, f1, tp, fp,
     * fn, spread: {precision, recall, f1}}, after: {...}, folds, labels: {...}}}.
     */
    public Map<String, Object> document() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("objective", objective.toString());
        root.put("patch", patch());
        List<Map<String, Object>> changeList = new ArrayList<>();
        for (ParameterChange change : changes) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("path", change.pointer());
            c.put("before", change.before());
            c.put("after", change.after());
            changeList.add(c);
        }
        root.put("changes", List.copyOf(changeList));
        root.put("before", quality(before));
        root.put("after", quality(after));
        root.put("folds", folds);
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("labelled_listings", labels.labelledListings());
        l.put("groups", labels.groups());
        l.put("true_pairs", labels.truePairs());
        l.put("labelled_candidate_pairs", labels.labelledCandidatePairs());
        l.put("candidate_pairs", labels.candidatePairs());
        l.put("tuned_categories", labels.tunedCategories());
        root.put("labels", l);
        return frozen(root);
    }

    private static Map<String, Object> quality(Quality q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", q.precision());
        m.put("recall", q.recall());
        m.put("f1", q.f1());
        m.put("tp", q.tp());
        m.put("fp", q.fp());
        m.put("fn", q.fn());
        Map<String, Object> spread = new LinkedHashMap<>();
        spread.put("precision", q.spread().precision());
        spread.put("recall", q.spread().recall());
        spread.put("f1", q.spread().f1());
        m.put("spread", spread);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> frozen(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? frozen((Map<String, Object>) m) : v));
        return Collections.unmodifiableMap(copy);
    }
}
