package org.eventdedup.worker.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small input files with real matching work in them, the same for a seed: events in a few towns over two weeks, each
 * listed by one to all of the sources with its title and time varied, some over several days, so that runs see
 * matches, near misses, multi-day blocks and clusters of three.
 */
final class SyntheticFiles {

    private static final String[] TOWNS = {"Lahr", "Offenburg", "Kenzingen", "Emmendingen"};
    private static final double[][] PLACES = {{48.34, 7.87}, {48.47, 7.94}, {48.19, 7.77}, {48.12, 7.85}};
    private static final String[] KINDS = {"Konzert", "Flohmarkt", "Lesung", "Umzug", "Vortrag", "Weinfest"};
    private static final String[] WHAT = {"Musikverein", "Stadtbibliothek", "Narrenzunft", "Kulturkreis",
        "Winzergenossenschaft", "Heimatverein"};

    private SyntheticFiles() {
    }

    /** @return one file's bytes per source */
    static List<byte[]> make(long seed, int sources, int events) {
        Random random = new Random(seed);
        ObjectMapper json = new ObjectMapper();
        List<ArrayNode> lists = new ArrayList<>();
        List<ObjectNode> files = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            ObjectNode file = json.createObjectNode();
            file.putObject("metadata").put("sourceKey", "s" + s);
            lists.add(file.putArray("events"));
            files.add(file);
        }
        for (int e = 0; e < events; e++) {
            int town = random.nextInt(TOWNS.length);
            String title = KINDS[random.nextInt(KINDS.length)] + " " + WHAT[random.nextInt(WHAT.length)];
            LocalDate day = LocalDate.of(2026, 3, 1).plusDays(random.nextInt(14));
            int days = random.nextInt(6) == 0 ? 2 + random.nextInt(3) : 1;
            int hour = 10 + random.nextInt(10);
            for (int s = 0; s < sources; s++) {
                if (s > 0 && random.nextInt(3) == 0) {
                    continue;
                }
                ObjectNode listing = lists.get(s).addObject();
                listing.put("id", "s" + s + "-" + e);
                listing.put("title", random.nextBoolean() ? title : title + " " + TOWNS[town]);
                listing.put("description", "Der " + WHAT[e % WHAT.length] + " lädt ein: " + title
                        + (random.nextBoolean() ? " mit Bewirtung." : ". Eintritt frei."));
                listing.put("source_type", "terminliste");
                ArrayNode dates = listing.putArray("event_dates");
                ObjectNode date = dates.addObject().put("date", day.toString());
                if (days > 1) {
                    date.put("end_date", day.plusDays(days - 1).toString());
                }
                date.put("start_time", String.format("%02d:%s", hour, random.nextInt(4) == 0 ? "30" : "00"));
                ObjectNode location = listing.putObject("location");
                location.put("name", "Stadthalle");
                location.put("city", TOWNS[town]);
                location.putObject("geo").put("latitude", PLACES[town][0] + random.nextDouble() * 0.01)
                        .put("longitude", PLACES[town][1] + random.nextDouble() * 0.01).put("confidence", 0.95);
                listing.putArray("categories").add(KINDS[e % KINDS.length].toLowerCase(java.util.Locale.ROOT));
            }
        }
        List<byte[]> bytes = new ArrayList<>();
        for (ObjectNode file : files) {
            bytes.add(file.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bytes;
    }
}
