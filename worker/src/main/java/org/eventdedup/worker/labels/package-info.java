/**
 * The operator's loop, facing inwards: labels on pairs of listings ({@link org.eventdedup.worker.labels.Labelling},
 * also merge and split of canonical events, which write labels) and the review queue
 * ({@link org.eventdedup.worker.labels.ReviewPairs}). The HTTP adapter calls them; they reach the database only
 * through the ports {@code LabelStore}, {@code CanonicalMembers} and {@code ReviewQueue}. A label takes effect on the
 * next pipeline run.
 */
package org.eventdedup.worker.labels;
