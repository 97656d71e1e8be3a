package org.eventdedup.worker.port;

import java.util.Objects;

/**
 * A queued input file taken by a run.
 *
 * @param sourcePath the file in the watched folder, or null for an upload
 */
public record ClaimedFile(long id, String filename, String sourcePath, byte[] content) {
    public ClaimedFile {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(content, "content");
    }
}
