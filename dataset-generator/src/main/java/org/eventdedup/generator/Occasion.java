package org.eventdedup.generator;

import java.time.LocalDate;
import java.util.List;
import org.eventdedup.generator.EventCatalog.Idea;
import org.eventdedup.generator.Gazetteer.Town;
import org.eventdedup.generator.Gazetteer.Venue;

/**
 * One real event: an {@link Idea} placed at a venue on a day at a time. Every listing of one occasion describes the
 * same event (one truth entity). {@code days} are the event's days in order (a range or separate sessions);
 * {@code dialect} is the local word for Fasnet that most sources use for it.
 */
record Occasion(Idea idea, Town town, Venue venue, List<LocalDate> days, boolean range, int startMinute,
                int dialect) {

    /** The Fasnet dialect words: standalone, compound with genitive s, lowercase compound. */
    static final String[][] FASNET = {
        {"Fasnet", "Fasnets", "fasnet"}, {"Fasnacht", "Fasnachts", "fasnachts"},
        {"Fastnacht", "Fastnachts", "fastnachts"}, {"Fasching", "Faschings", "faschings"},
        {"Fasent", "Fasent", "fasent"},
    };

    /** Spellings of the nightshirt procession of Schmutziger Donnerstag. */
    static final String[] HEMDGLUNKER = {"Hemdglunker", "Hemdklunker", "Hemdglunki"};

    Occasion {
        days = List.copyOf(days);
    }

    LocalDate firstDay() {
        return days.get(0);
    }
}
