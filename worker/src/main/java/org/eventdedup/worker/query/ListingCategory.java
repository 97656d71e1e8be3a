package org.eventdedup.worker.query;

import java.util.Objects;

/**
 * A category as the stored listings carry it, spellings that differ only in case taken together (as the matching
 * engine compares them).
 *
 * @param name     the group's most frequent spelling (on a tie the all-folded one, else the first in code-point order)
 * @param listings how many stored listings carry the category in any of its spellings
 */
public record ListingCategory(String name, long listings) {
    public ListingCategory {
        Objects.requireNonNull(name, "name");
    }
}
