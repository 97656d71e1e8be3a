package org.eventdedup.worker.testing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.text.CodePoints;
import org.eventdedup.worker.port.GroundTruthStore;

/** The stored ground truth in memory, over the listings of an {@link InMemoryPipelineStorage}. */
public final class InMemoryGroundTruthStore implements GroundTruthStore {

    private final InMemoryPipelineStorage storage;
    private final Clock clock;
    private GroundTruth stored = new GroundTruth(Set.of(), Set.of(), 0);
    private Summary summary = new Summary(0, 0, null, null);

    public InMemoryGroundTruthStore(InMemoryPipelineStorage storage, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Imported replace(GroundTruth truth, String operator) {
        Set<String> listings = storage.listings().keySet();
        Set<String> known = new java.util.HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String id : truth.listings()) {
            (listings.contains(id) ? known : unknown).add(id);
        }
        unknown.sort(CodePoints::compare);
        Set<IdPair> pairs = new java.util.HashSet<>();
        for (IdPair pair : truth.pairs()) {
            if (known.contains(pair.a()) && known.contains(pair.b())) {
                pairs.add(pair);
            }
        }
        stored = new GroundTruth(pairs, known, 0);
        summary = new Summary(pairs.size(), known.size(), clock.instant(), operator);
        return new Imported(pairs.size(), known.size(), unknown.subList(0, Math.min(unknown.size(),
                MAX_REPORTED_UNKNOWN)), unknown.size(), truth.pairs().size() - pairs.size());
    }

    @Override
    public synchronized Summary summary() {
        return summary;
    }

    /** What the preview would read. */
    public synchronized GroundTruth stored() {
        return stored;
    }
}
