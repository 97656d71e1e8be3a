package org.eventdedup.worker.ingest.violation;

/** Breaks "no core package uses … the file watch service". */
public class CoreWatchingFiles {
    java.nio.file.WatchService watcher;
}
