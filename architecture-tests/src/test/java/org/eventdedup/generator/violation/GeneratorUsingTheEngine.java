package org.eventdedup.generator.violation;

/** Breaks "the dataset generator depends only on the JDK, Jackson and itself". */
public class GeneratorUsingTheEngine {
    org.eventdedup.matching.model.Listing listing;
}
