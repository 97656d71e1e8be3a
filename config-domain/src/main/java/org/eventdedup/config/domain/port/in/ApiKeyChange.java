package org.eventdedup.config.domain.port.in;

import org.eventdedup.config.domain.model.SecretString;

/** What a write does to the stored API key. */
public sealed interface ApiKeyChange {
    record Keep() implements ApiKeyChange {
    }

    record Set(SecretString key) implements ApiKeyChange {
    }

    record Clear() implements ApiKeyChange {
    }

    ApiKeyChange KEEP = new Keep();
    ApiKeyChange CLEAR = new Clear();
}
