package org.eventdedup.matching.violation;

/** Breaks "the matching engine depends only on …" and "only the app depends on adapters". */
public class EngineUsingAnAdapter {
    org.eventdedup.config.adapter.persistence.DatabaseSettings settings;
}
