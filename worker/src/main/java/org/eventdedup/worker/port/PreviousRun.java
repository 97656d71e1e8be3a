package org.eventdedup.worker.port;

/** The config the last completed run used: a run with another one re-matches everything. */
public record PreviousRun(long id, Long configVersion, String configFingerprint) {
}
