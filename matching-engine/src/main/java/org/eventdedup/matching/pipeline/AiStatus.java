package org.eventdedup.matching.pipeline;

import java.util.Locale;

/** What the AI tier did in a run, and why it did not run when it did not. */
public enum AiStatus {
    /** {@code ai.enabled} is false. */
    DISABLED,
    /** Enabled, but no API key was given. */
    NO_API_KEY,
    /** Enabled with a key, but the pipeline has no resolver (offline commands): ambiguous pairs stay ambiguous. */
    NO_RESOLVER,
    /** No ambiguous pair inside the AI window: the resolver was not called. */
    NO_CANDIDATES,
    /** The resolver was called and its verdicts applied. */
    RESOLVED,
    /** The resolver threw: every candidate stayed as it was. */
    RESOLVER_FAILED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
