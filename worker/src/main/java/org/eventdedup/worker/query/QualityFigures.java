package org.eventdedup.worker.query;

/**
 * How the stored canonical events agree with the ground truth (imported truth joined by labels): two listings in one
 * event are predicted the same. Precision counts the predicted pairs the truth judges; recall the true pairs.
 *
 * @param precision     null when nothing is labelled (no truth, no label)
 * @param labelledPairs the same-event pairs of the truth (imported and {@code same} labels): recall's denominator
 * @param labels        operators' labels
 * @param importedPairs same-event pairs of the imported truth
 */
public record QualityFigures(Double precision, Double recall, Double f1, int labelledPairs, int labels,
                             int importedPairs) {
}
