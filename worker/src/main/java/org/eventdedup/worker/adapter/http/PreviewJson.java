package org.eventdedup.worker.adapter.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventdedup.matching.model.Signals;
import org.eventdedup.worker.preview.ImpactReport;

/** {@link ImpactReport} as the JSON of contract §2 (snake_case, fixed key order). */
final class PreviewJson {

    private PreviewJson() {
    }

    static Map<String, Object> report(ImpactReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("listings", r.sample().listings());
        sample.put("labelled_pairs", r.sample().labelledPairs());
        sample.put("candidate_pairs", r.sample().candidatePairs());
        sample.put("elapsed_ms", r.sample().elapsedMs());
        m.put("sample", sample);
        m.put("current", side(r.current()));
        m.put("candidate", side(r.candidate()));
        Map<String, Object> flips = new LinkedHashMap<>();
        flips.put("total", r.flips().total());
        List<Object> groups = new ArrayList<>();
        for (ImpactReport.FlipGroup g : r.flips().groups()) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("from", g.from().jsonName());
            group.put("to", g.to().jsonName());
            group.put("count", g.count());
            List<Object> pairs = new ArrayList<>(g.pairs().size());
            for (ImpactReport.Flip f : g.pairs()) {
                Map<String, Object> pair = new LinkedHashMap<>();
                pair.put("a", ref(f.a()));
                pair.put("b", ref(f.b()));
                pair.put("current", outcome(f.current()));
                pair.put("candidate", outcome(f.candidate()));
                pair.put("labelled", f.labelled());
                pairs.add(pair);
            }
            group.put("pairs", pairs);
            groups.add(group);
        }
        flips.put("groups", groups);
        m.put("flips", flips);
        return m;
    }

    private static Map<String, Object> side(ImpactReport.Side s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("match", s.match());
        counts.put("ambiguous", s.ambiguous());
        counts.put("no_match", s.noMatch());
        m.put("counts", counts);
        m.put("clusters", s.clusters());
        m.put("flagged_clusters", s.flaggedClusters());
        m.put("canonical_events", s.canonicalEvents());
        if (s.quality() == null) {
            m.put("quality", null);
        } else {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("precision", s.quality().precision());
            q.put("recall", s.quality().recall());
            q.put("f1", s.quality().f1());
            q.put("labelled_pairs", s.quality().labelledPairs());
            m.put("quality", q);
        }
        Map<String, Object> histogram = new LinkedHashMap<>();
        histogram.put("min", 0.0);
        histogram.put("max", 1.0);
        histogram.put("counts", s.histogram());
        m.put("histogram", histogram);
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("low", s.thresholds().low());
        thresholds.put("high", s.thresholds().high());
        thresholds.put("title_veto", s.thresholds().titleVeto());
        m.put("thresholds", thresholds);
        Map<String, Object> ai = new LinkedHashMap<>();
        ai.put("enabled", s.ai().enabled());
        ai.put("pairs_in_window", s.ai().pairsInWindow());
        ai.put("avg_input_tokens", s.ai().avgInputTokens());
        ai.put("avg_output_tokens", s.ai().avgOutputTokens());
        ai.put("tokens_source", s.ai().tokensSource());
        ai.put("cost_per_run", s.ai().costPerRun());
        ai.put("currency", "USD");
        m.put("ai", ai);
        return m;
    }

    private static Map<String, Object> ref(ImpactReport.ListingRef ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", ref.id());
        m.put("title", ref.title());
        m.put("source", ref.source());
        return m;
    }

    private static Map<String, Object> outcome(ImpactReport.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision", o.decision().jsonName());
        m.put("score", o.score());
        m.put("signals", signals(o.signals()));
        return m;
    }

    private static Map<String, Object> signals(Signals s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", s.date());
        m.put("geo", s.geo());
        m.put("title", s.title());
        m.put("description", s.description());
        return m;
    }
}
