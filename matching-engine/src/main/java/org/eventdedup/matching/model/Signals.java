package org.eventdedup.matching.model;

/** The four signal scores of a pair, each in [0, 1]. */
public record Signals(double date, double geo, double title, double description) {
}
