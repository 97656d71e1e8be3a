package org.eventdedup.worker.port;

import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Signals;

/**
 * A 64-bit fingerprint of what a pair's decision says: its four signals, combined score, decision and tier (not the
 * config version or time). Stored with each decision, so a full re-match can tell an unchanged decision from a changed
 * one by reading two ids and one number a pair.
 */
public final class DecisionOutcome {

    private DecisionOutcome() {
    }

    public static long of(PairDecision d) {
        Signals s = d.signals();
        long h = 0x9E3779B97F4A7C15L;
        h = mix(h, Double.doubleToLongBits(s.date()));
        h = mix(h, Double.doubleToLongBits(s.geo()));
        h = mix(h, Double.doubleToLongBits(s.title()));
        h = mix(h, Double.doubleToLongBits(s.description()));
        h = mix(h, Double.doubleToLongBits(d.score()));
        h = mix(h, d.decision().ordinal());
        return mix(h, d.tier().ordinal());
    }

    /** One step of SplitMix64's finaliser over the running hash and a value: every input bit moves every output bit. */
    private static long mix(long h, long value) {
        long z = h ^ value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) + 0x9E3779B97F4A7C15L;
    }
}
