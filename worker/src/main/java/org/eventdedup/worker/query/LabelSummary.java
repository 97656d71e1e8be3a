package org.eventdedup.worker.query;

import java.util.List;
import org.eventdedup.matching.cluster.LabelContradiction;

/** The labels at a glance: how many of each verdict, and the contradictions among them (the engine's reading). */
public record LabelSummary(int labels, int same, int different, List<LabelContradiction> contradictions) {
    public LabelSummary {
        contradictions = List.copyOf(contradictions);
    }
}
