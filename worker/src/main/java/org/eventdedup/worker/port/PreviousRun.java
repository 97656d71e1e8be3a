package org.eventdedup.worker.port;

/**
 * The config the last completed run used: a run with another one re-matches everything.
 *
 * @param clusteringFingerprint of the sections clustering and synthesis read; null for runs recorded before it was
 * @param labelRevision         the label change revision the run applied: components of pairs labelled after it are
 *                              re-clustered by the next run
 */
public record PreviousRun(long id, Long configVersion, String configFingerprint, String clusteringFingerprint,
                          long labelRevision) {

    /** A run that applied no label change. */
    public PreviousRun(long id, Long configVersion, String configFingerprint, String clusteringFingerprint) {
        this(id, configVersion, configFingerprint, clusteringFingerprint, 0);
    }
}
