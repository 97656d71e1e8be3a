package org.eventdedup.config.adapter.http.violation;

/** Breaks "only the app depends on the worker". */
public class ConfigAdapterUsingTheWorker {
    org.eventdedup.worker.run.PipelineRun run;
}
