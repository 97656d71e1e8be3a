package org.eventdedup.benchmarks.violation;

/** Breaks "the benchmarks and the offline runs use the worker's core, never its adapters". */
public class BenchmarkUsingJdbi {
    org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions transactions;
}
