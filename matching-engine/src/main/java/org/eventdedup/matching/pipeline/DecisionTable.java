package org.eventdedup.matching.pipeline;

import java.util.AbstractList;
import java.util.RandomAccess;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Signals;
import org.eventdedup.matching.model.Tier;

/**
 * The decisions of one run in primitive columns, indexed like the candidate pairs (so sorted by (a, b) in code-point
 * order): two id indexes, five doubles and two bytes per pair, about 50 bytes instead of the ~100 of a
 * {@link PairDecision} with its {@link Signals} plus the list slot. Millions of {@code no_match} pairs therefore cost
 * no objects; a {@link PairDecision} is made only when someone reads that element. Read-only to the outside; the
 * pipeline fills each index exactly once (from any thread) and may then change outcomes (AI tier).
 */
final class DecisionTable extends AbstractList<PairDecision> implements RandomAccess {

    private static final Decision[] DECISIONS = Decision.values();
    private static final Tier[] TIERS = Tier.values();

    private final String[] ids;
    private final int[] first;
    private final int[] second;
    private final double[] date;
    private final double[] geo;
    private final double[] title;
    private final double[] description;
    private final double[] score;
    private final byte[] decision;
    private final byte[] tier;

    /** @param ids listing ids sorted by code point; pair ends index into it */
    DecisionTable(String[] ids, int size) {
        this.ids = ids;
        this.first = new int[size];
        this.second = new int[size];
        this.date = new double[size];
        this.geo = new double[size];
        this.title = new double[size];
        this.description = new double[size];
        this.score = new double[size];
        this.decision = new byte[size];
        this.tier = new byte[size];
    }

    /** Stores the scored pair {@code k}; {@code firstIndex}/{@code secondIndex} are the ids of {@code d.a()}/{@code d.b()}. */
    void put(int k, int firstIndex, int secondIndex, PairDecision d) {
        first[k] = firstIndex;
        second[k] = secondIndex;
        Signals s = d.signals();
        date[k] = s.date();
        geo[k] = s.geo();
        title[k] = s.title();
        description[k] = s.description();
        score[k] = d.score();
        decision[k] = (byte) d.decision().ordinal();
        tier[k] = (byte) d.tier().ordinal();
    }

    void setOutcome(int k, Decision newDecision, Tier newTier) {
        decision[k] = (byte) newDecision.ordinal();
        tier[k] = (byte) newTier.ordinal();
    }

    Decision decisionAt(int k) {
        return DECISIONS[decision[k]];
    }

    Tier tierAt(int k) {
        return TIERS[tier[k]];
    }

    @Override
    public PairDecision get(int k) {
        return new PairDecision(ids[first[k]], ids[second[k]],
                new Signals(date[k], geo[k], title[k], description[k]), score[k], DECISIONS[decision[k]],
                TIERS[tier[k]]);
    }

    @Override
    public int size() {
        return first.length;
    }
}
