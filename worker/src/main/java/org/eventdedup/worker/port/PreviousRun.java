package org.eventdedup.worker.port;

/**
 * The config the last completed run used: a run with another one re-matches everything.
 *
 * @param clusteringFingerprint of the sections clustering and synthesis read; null for runs recorded before it was
 */
public record PreviousRun(long id, Long configVersion, String configFingerprint, String clusteringFingerprint) {
}
