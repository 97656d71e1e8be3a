package org.eventdedup.worker.adapter.files;

/** A lexicon file could not be read or holds an invalid entry; the message names the file and the entry. */
public final class LexiconLoadException extends RuntimeException {
    LexiconLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
