package org.eventdedup.worker.preview.violation;

/** Breaks "the worker's core does not depend on its adapters". */
public class CoreUsingAnAdapter {
    org.eventdedup.worker.adapter.persistence.JdbiPreviewSamples samples;
}
