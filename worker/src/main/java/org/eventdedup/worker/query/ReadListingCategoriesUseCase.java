package org.eventdedup.worker.query;

import java.util.List;

/** The categories that occur in the stored listings, so an operator names a category override as the data does. */
public interface ReadListingCategoriesUseCase {

    /** Every category, spellings differing only in case as one, most frequent first, then by name. */
    List<ListingCategory> categories();
}
