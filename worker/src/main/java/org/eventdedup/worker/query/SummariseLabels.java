package org.eventdedup.worker.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eventdedup.matching.cluster.LabelConstraints;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.worker.port.LabelStore;

/** Counts the labels and finds their contradictions with the function clustering uses. */
public final class SummariseLabels {

    private final LabelStore labels;

    public SummariseLabels(LabelStore labels) {
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    public LabelSummary summary() {
        List<IdPair> same = new ArrayList<>();
        List<IdPair> different = new ArrayList<>();
        for (LabelStore.PairLabel label : labels.all()) {
            (label.verdict() == LabelStore.Verdict.SAME ? same : different).add(label.pair());
        }
        return new LabelSummary(same.size() + different.size(), same.size(), different.size(),
                LabelConstraints.of(same, different).contradictions());
    }
}
