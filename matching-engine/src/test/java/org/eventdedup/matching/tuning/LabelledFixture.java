package org.eventdedup.matching.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.scoring.ListingBuilder;

/**
 * Small labelled data sets for the tuner: entities of one to three listings on a few days in two towns, so blocks
 * hold listings of several entities. Listings of one entity share the date and mostly the title (sometimes a word
 * more or less) and sometimes a trusted point; other entities of the same block have other titles.
 */
final class LabelledFixture {

    private static final String[] WORDS = {"konzert", "fastnacht", "umzug", "markt", "lesung", "vortrag", "kino",
            "theater", "chor", "orgel", "flohmarkt", "wanderung", "fuehrung", "ball", "kinderball", "narren",
            "musik", "jazz", "rock", "tanz", "kirche", "rathaus", "stadtpark", "museum", "ausstellung", "basar",
            "sommerfest", "weinfest", "blasmusik", "gottesdienst"};
    private static final String[] DAYS = {"2026-03-02", "2026-03-03", "2026-03-04"};
    private static final String[] TOWNS = {"Emmendingen", "Waldkirch"};

    record Data(List<Listing> listings, GroundTruth truth) {
    }

    static Data generate(long seed, int entities) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Listing> listings = new ArrayList<>();
        Map<String, Object> entityTree = new LinkedHashMap<>();
        for (int e = 0; e < entities; e++) {
            String day = DAYS[random.nextInt(DAYS.length)];
            int town = random.nextInt(TOWNS.length);
            String title = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " "
                    + WORDS[random.nextInt(WORDS.length)];
            boolean located = random.nextBoolean();
            double lat = 48.1 + town * 0.01 + random.nextDouble() * 0.005;
            double lon = 7.85 + random.nextDouble() * 0.005;
            boolean fasnacht = random.nextInt(3) == 0;
            int size = 1 + random.nextInt(3);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String id = String.format("e%03d-%d", e, i);
                ids.add(id);
                String variant = switch (random.nextInt(4)) {
                    case 0 -> title + " " + WORDS[random.nextInt(WORDS.length)];
                    case 1 -> title.substring(title.indexOf(' ') + 1);
                    default -> title;
                };
                ListingBuilder listing = ListingBuilder.aListing(id).title(variant).city(TOWNS[town])
                        .sourceType(i % 2 == 0 ? "terminliste" : "artikel")
                        .on(day, random.nextBoolean() ? "19:00" : "19:30");
                if (located && random.nextInt(4) != 0) {
                    listing.geo(lat, lon, 0.95);
                }
                if (fasnacht) {
                    listing.categories("fasnacht");
                }
                listings.add(listing.build());
            }
            entityTree.put("E" + e, ids);
        }
        return new Data(listings, GroundTruth.fromTree(Map.of("entities", entityTree)));
    }

    private LabelledFixture() {
    }
}
