package org.eventdedup.worker.query;

import java.util.List;

/** One page of a result and the size of the whole result. */
public record Page<T>(List<T> items, long total, int limit, int offset) {
    public Page {
        items = List.copyOf(items);
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, was " + total);
        }
    }
}
