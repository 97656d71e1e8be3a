package org.eventdedup.worker.port;

/** Where rejected input files go, each with its error document, for an operator to fix and drop in again. */
public interface DeadLetters {

    /**
     * Keeps the rejected file and its error document; a file still lying in the watched folder is moved away.
     *
     * @param sourcePath where the file lies, null for an upload
     */
    void reject(String fileName, String sourcePath, byte[] content, String errorJson);
}
