package org.eventdedup.worker.port;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.eventdedup.matching.model.PairDecision;

/** The decision of every compared pair, keyed by the pair {@code (a, b)} with {@code a < b}. */
public interface DecisionStore {

    /** Receives a stored pair and the {@link DecisionOutcome} of its decision. */
    @FunctionalInterface
    interface OutcomeVisitor {
        void visit(String a, String b, long outcome);
    }

    /** Every stored pair with its decision's outcome, in pair order: by {@code a}, then {@code b} (code points). */
    void forEachOutcome(OutcomeVisitor visitor);

    /** Deletes the decisions of these pairs ({@code {a, b}}, {@code a < b}); pairs not stored are ignored. */
    void deleteDecisions(Collection<String[]> pairs);

    void deleteDecisionsTouching(Collection<String> ids);

    /** Decisions of pairs that have none stored yet (a pair already stored is an error). */
    void insertDecisions(List<PairDecision> decisions, long configVersion);

    /** A pair decided again replaces its earlier decision (Part A 16). */
    void upsertDecisions(List<PairDecision> decisions, long configVersion);

    /** Both ends of every {@code match} decision touching {@code ids} (a pair touching two of them may repeat). */
    List<String[]> matchEdgesTouching(Collection<String> ids);

    /** Every {@code match} edge. */
    void forEachMatchEdge(Consumer<String[]> action);

    /** Every decision whose two listings are both in {@code ids}. */
    List<PairDecision> decisionsWithin(Collection<String> ids);
}
