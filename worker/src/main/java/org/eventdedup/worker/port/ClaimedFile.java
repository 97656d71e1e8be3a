package org.eventdedup.worker.port;

import java.util.Objects;

/**
 * A queued input file taken by a run; its bytes are read when the run gets to it ({@link FileClaims#content}), so a
 * run that stops taking files at its listing limit reads no more than it parses.
 *
 * @param sourcePath the file in the watched folder, or null for an upload
 */
public record ClaimedFile(long id, String filename, String sourcePath) {
    public ClaimedFile {
        Objects.requireNonNull(filename, "filename");
    }
}
