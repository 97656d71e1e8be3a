package org.eventdedup.matching.model;

import java.util.Locale;

/**
 * Who decided a pair: the deterministic scorer, or the AI (a confident answer from a call, the same from the answer
 * cache, a low-confidence or an unexpected answer).
 */
public enum Tier {
    DETERMINISTIC, AI, AI_CACHED, AI_LOW_CONFIDENCE, AI_UNEXPECTED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isAi() {
        return this != DETERMINISTIC;
    }
}
