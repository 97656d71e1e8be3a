package org.eventdedup.generator;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.eventdedup.generator.EventCatalog.Idea;
import org.eventdedup.generator.EventCatalog.Kind;
import org.eventdedup.generator.EventCatalog.Recurrence;
import org.eventdedup.generator.Gazetteer.Town;
import org.eventdedup.generator.Gazetteer.Venue;
import org.eventdedup.generator.Gazetteer.VenueKind;

/**
 * Generates a synthetic, labelled data set of exactly {@code listings} listings for a seed: real events of the
 * region day by day, each reported by one to six sources in their own style, plus hard negatives — other events at
 * the same venue on the same day, the same recurring event on other days, events of the same name in another town on
 * the same day.
 *
 * <p><b>Density is fixed:</b> {@value #LISTINGS_PER_DAY} listings per day over the same towns, and the number of days
 * grows with the number of listings, so blocks (same day and town or grid cell) have the same size distribution
 * whatever the total: the candidate pairs grow linearly with it. Days start at {@link #START}.
 *
 * <p><b>Deterministic:</b> one {@link SplittableRandom} per day derived from the seed, no hash-ordered collection on
 * any output path, so the same (listings, seed) gives the same files byte for byte. Files are handed to the sink as
 * soon as they are complete (each source publishes weekly), so memory stays bounded whatever the size.
 */
public final class SyntheticDataGenerator {

    public static final int MAX_LISTINGS = 2_000_000;
    public static final int LISTINGS_PER_DAY = 250;
    public static final LocalDate START = LocalDate.of(2026, 1, 5);

    /** Receives each complete file, in order of publication date, then source. */
    @FunctionalInterface
    public interface FileSink {
        void accept(SyntheticFile file) throws IOException;
    }

    /** What was generated: the truth, the mix, the number of files and the days covered. */
    public record Result(int listings, int files, LocalDate firstDay, LocalDate lastDay, GroundTruth truth,
                         GenerationStats stats) {
    }

    /** The sizes of same-event groups, after the region's sample: 1:690, 2:534, 3:374, 4:245, 5:157, 6 rare. */
    private static final int[] GROUP_SIZE_WEIGHTS = {0, 690, 534, 374, 245, 157, 25};

    private final int listings;
    private final long seed;
    private final int days;
    private final int idWidth;
    private final GenerationStats stats = new GenerationStats();
    private final ListingRenderer renderer = new ListingRenderer(stats);
    private final GroundTruth truth;
    private final Map<Integer, List<Occasion>> pending = new TreeMap<>();
    private final Map<Integer, List<Integer>> pendingBase = new TreeMap<>();
    private final TreeMap<Long, List<Placed>> openFiles = new TreeMap<>();
    private final int[] nextNumber = new int[Source.values().length];
    private int[] entitySize = new int[1024];
    private int entityCount;
    private int total;
    private int fileCount;
    private FileSink sink;

    private record Placed(SyntheticListing listing, int entity, Source source) {
    }

    /**
     * @throws IllegalArgumentException when {@code listings} is not in 1..{@value #MAX_LISTINGS}
     */
    public SyntheticDataGenerator(int listings, long seed) {
        if (listings < 1 || listings > MAX_LISTINGS) {
            throw new IllegalArgumentException("listings must be from 1 to " + MAX_LISTINGS + ", was " + listings);
        }
        this.listings = listings;
        this.seed = seed;
        this.days = Math.max(1, (listings + LISTINGS_PER_DAY - 1) / LISTINGS_PER_DAY);
        this.idWidth = Math.max(6, Integer.toString(listings).length());
        this.truth = new GroundTruth(idWidth);
    }

    /** The number of days the data set covers (grows with the number of listings: fixed density). */
    public int days() {
        return days;
    }

    /** Generates everything, handing each file to {@code sink}; call once. */
    public Result generate(FileSink fileSink) throws IOException {
        if (sink != null) {
            throw new IllegalStateException("generate() may be called once per generator");
        }
        this.sink = fileSink;
        for (int d = 0; d < days; d++) {
            LocalDate day = START.plusDays(d);
            SplittableRandom r = new SplittableRandom(mix(seed, d));
            long target = (long) (d + 1) * listings / days;
            List<Occasion> due = pending.remove(d);
            List<Integer> dueBase = pendingBase.remove(d);
            if (due != null) {
                for (int i = 0; i < due.size() && total < listings; i++) {
                    int entity = materialize(due.get(i), r);
                    hardNegative("same_title_same_venue_other_day", dueBase.get(i), entity);
                }
            }
            while (total < target) {
                fresh(day, d, r);
            }
            flushUpTo(d - 6);
        }
        flushUpTo(Integer.MAX_VALUE);
        stats.add("totals", "listings", total);
        stats.add("totals", "entities", entityCount);
        stats.add("totals", "files", fileCount);
        stats.add("totals", "days", days);
        stats.add("totals", "listings_per_day", LISTINGS_PER_DAY);
        return new Result(total, fileCount, START, START.plusDays(days - 1L), truth, stats);
    }

    // --- events -----------------------------------------------------------------------------------------------------
    private void fresh(LocalDate day, int dayIndex, SplittableRandom r) {
        Kind kind = EventCatalog.pickKind(r, day);
        Town town = pickTown(r);
        Idea idea = EventCatalog.idea(kind, r, town, day);
        Venue venue = venue(town, idea.venueKind(), r);
        Occasion occasion = occasion(idea, town, venue, day, idea.startMinute(), homeDialect(town, r));
        int base = materialize(occasion, r);

        if (total < listings && r.nextInt(100) < 8) {
            // another event at the same venue on the same day, some hours apart
            Idea other = idea;
            for (int attempt = 0; attempt < 5 && other.calendarTitles().get(0).equals(idea.calendarTitles().get(0));
                 attempt++) {
                other = EventCatalog.idea(kind, r, town, day);
            }
            if (!other.calendarTitles().get(0).equals(idea.calendarTitles().get(0))) {
                int start = idea.startMinute() < 15 * 60 ? idea.startMinute() + 240 + 30 * r.nextInt(3)
                        : idea.startMinute() - 180 - 30 * r.nextInt(3);
                Occasion sibling = new Occasion(other, town, venue, List.of(day), false,
                        Math.max(8 * 60, Math.min(22 * 60, start)), occasion.dialect());
                hardNegative("same_venue_same_day", base, materialize(sibling, r));
            }
        }
        if (total < listings && (idea.generic() && r.nextInt(100) < 35 || kind == Kind.KINO && r.nextInt(100) < 25)) {
            // the same kind of event under the same name in another town on the same day
            Town otherTown = nearbyTown(town, r);
            Venue otherVenue = venue(otherTown, idea.venueKind(), r);
            Occasion twin = new Occasion(idea, otherTown, otherVenue, occasion.days(), occasion.range(),
                    idea.startMinute() + (r.nextBoolean() ? 0 : 30), homeDialect(otherTown, r));
            hardNegative("same_title_same_day_other_town", base, materialize(twin, r));
        }
        if (idea.recurrence() != Recurrence.NONE && r.nextInt(100) < 60) {
            // the same event again on later days: separate real events
            int repeats = 1 + r.nextInt(3);
            for (int k = 1; k <= repeats; k++) {
                int offset = switch (idea.recurrence()) {
                    case DAILY -> k;
                    case WEEKLY -> 7 * k;
                    case MONTHLY -> 28 * k + 7 * r.nextInt(2);
                    case NONE -> throw new AssertionError();
                };
                int start = idea.kind() == Kind.KINO && r.nextInt(3) == 0
                        ? idea.startMinute() + (r.nextBoolean() ? 150 : -150) : idea.startMinute();
                Occasion again = occasion(idea, town, venue, day.plusDays(offset), Math.max(10 * 60, Math.min(22 * 60,
                        start)), occasion.dialect());
                pending.computeIfAbsent(dayIndex + offset, x -> new ArrayList<>()).add(again);
                pendingBase.computeIfAbsent(dayIndex + offset, x -> new ArrayList<>()).add(base);
            }
        }
    }

    private static Occasion occasion(Idea idea, Town town, Venue venue, LocalDate day, int start, int dialect) {
        List<LocalDate> eventDays = new ArrayList<>();
        eventDays.add(day);
        boolean range = idea.days() > 1;
        for (int i = 1; i < idea.days(); i++) {
            eventDays.add(day.plusDays(i));
        }
        if (idea.sessionDates()) {
            eventDays.add(day.plusDays(7));
        }
        return new Occasion(idea, town, venue, eventDays, range, start, dialect);
    }

    /** Places the listings of one event with its sources; returns its entity number. */
    private int materialize(Occasion occasion, SplittableRandom r) {
        int size = Math.min(weighted(r, GROUP_SIZE_WEIGHTS), listings - total);
        List<Source> chosen = chooseSources(occasion, size, r);
        List<String> types = new ArrayList<>();
        for (Source source : chosen) {
            types.add(sourceType(source, r));
        }
        if (total + chosen.size() < listings && r.nextInt(100) < 4) {
            // a paper that runs both an article and a calendar entry for the event
            for (int i = 0; i < chosen.size(); i++) {
                Source source = chosen.get(i);
                if (source.artikelPercent() > 0) {
                    chosen.add(source);
                    types.add(types.get(i).equals("artikel") ? "terminliste" : "artikel");
                    stats.count("pairs", "same_source_duplicate");
                    break;
                }
            }
        }
        int entity = ++entityCount;
        if (entity >= entitySize.length) {
            entitySize = java.util.Arrays.copyOf(entitySize, entitySize.length * 2);
        }
        entitySize[entity] = chosen.size();
        int first = Math.toIntExact(occasion.firstDay().toEpochDay() - START.toEpochDay());
        for (int i = 0; i < chosen.size(); i++) {
            Source source = chosen.get(i);
            SyntheticListing listing = renderer.render(occasion, source, types.get(i), r);
            int published = first - Math.floorMod(first - source.publicationWeekday(), 7);
            long key = (long) published << 8 | source.ordinal();
            openFiles.computeIfAbsent(key, k -> new ArrayList<>()).add(new Placed(listing, entity, source));
            stats.count("sources", source.code());
            stats.count("source_type", types.get(i));
        }
        total += chosen.size();
        stats.count("group_size", Integer.toString(chosen.size()));
        stats.count("entity_kinds", occasion.idea().kind().category);
        if (occasion.days().size() > 1) {
            stats.count("entities_multi_day", occasion.range() ? "range" : "sessions");
        }
        long crossSource = 0;
        for (int i = 0; i < chosen.size(); i++) {
            for (int j = i + 1; j < chosen.size(); j++) {
                if (chosen.get(i) != chosen.get(j)) {
                    crossSource++;
                }
            }
        }
        stats.add("pairs", "cross_source", crossSource);
        stats.add("pairs", "same_entity", (long) chosen.size() * (chosen.size() - 1) / 2);
        return entity;
    }

    private void hardNegative(String kind, int first, int second) {
        stats.count("hard_negative_entities", kind);
        stats.add("hard_negative_pairs", kind, (long) entitySize[first] * entitySize[second]);
    }

    private List<Source> chooseSources(Occasion occasion, int size, SplittableRandom r) {
        Source[] all = Source.values();
        double[] weights = new double[all.length];
        for (Source source : all) {
            weights[source.ordinal()] = source.coverage(occasion.town().region(), occasion.idea().kind());
        }
        List<Source> chosen = new ArrayList<>();
        for (int n = 0; n < size && n < all.length; n++) {
            double sum = 0;
            for (double w : weights) {
                sum += w;
            }
            double x = r.nextDouble() * sum;
            int pick = 0;
            while (pick < all.length - 1 && (x -= weights[pick]) >= 0) {
                pick++;
            }
            while (weights[pick] == 0) {
                pick = (pick + 1) % all.length;
            }
            chosen.add(all[pick]);
            weights[pick] = 0;
        }
        return chosen;
    }

    private static String sourceType(Source source, SplittableRandom r) {
        int roll = r.nextInt(100);
        if (roll < source.artikelPercent()) {
            return "artikel";
        }
        if (roll < source.artikelPercent() + source.anzeigePercent()) {
            return "anzeige";
        }
        return "terminliste";
    }

    // --- places -----------------------------------------------------------------------------------------------------
    private static final int TOWN_WEIGHT_TOTAL = Gazetteer.towns().stream().mapToInt(Town::weight).sum();

    private static Town pickTown(SplittableRandom r) {
        int x = r.nextInt(TOWN_WEIGHT_TOTAL);
        for (Town town : Gazetteer.towns()) {
            x -= town.weight();
            if (x < 0) {
                return town;
            }
        }
        throw new AssertionError();
    }

    /** Another town, within about 12 km half of the time (so it may share a blocking grid cell). */
    private static Town nearbyTown(Town town, SplittableRandom r) {
        if (r.nextBoolean()) {
            List<Town> near = new ArrayList<>();
            for (Town t : Gazetteer.towns()) {
                if (t != town && Math.abs(t.lat() - town.lat()) < 0.11 && Math.abs(t.lon() - town.lon()) < 0.15) {
                    near.add(t);
                }
            }
            if (!near.isEmpty()) {
                return near.get(r.nextInt(near.size()));
            }
        }
        Town other;
        do {
            other = pickTown(r);
        } while (other == town);
        return other;
    }

    private static Venue venue(Town town, VenueKind kind, SplittableRandom r) {
        List<Venue> matching = new ArrayList<>();
        for (Venue venue : town.venues()) {
            if (venue.kind() == kind) {
                matching.add(venue);
            }
        }
        if (matching.isEmpty()) {
            for (Venue venue : town.venues()) {
                if (venue.kind() == VenueKind.HALL) {
                    matching.add(venue);
                }
            }
        }
        // the main venue of a kind hosts most events; district venues the rest
        return r.nextInt(10) < 7 ? matching.get(0) : matching.get(r.nextInt(matching.size()));
    }

    private static int homeDialect(Town town, SplittableRandom r) {
        return switch (town.region()) {
            case BREISGAU -> r.nextInt(10) < 7 ? 0 : 1;
            case ORTENAU -> r.nextBoolean() ? 4 : 2;
            case HOCHSCHWARZWALD -> r.nextInt(10) < 8 ? 0 : 3;
        };
    }

    // --- files ------------------------------------------------------------------------------------------------------
    private void flushUpTo(int lastPublishedDay) throws IOException {
        while (!openFiles.isEmpty() && (openFiles.firstKey() >> 8) <= lastPublishedDay) {
            Map.Entry<Long, List<Placed>> entry = openFiles.pollFirstEntry();
            int published = (int) (entry.getKey() >> 8);
            Source source = Source.values()[(int) (entry.getKey() & 0xFF)];
            List<SyntheticListing> withIds = new ArrayList<>(entry.getValue().size());
            for (Placed placed : entry.getValue()) {
                int number = ++nextNumber[source.ordinal()];
                withIds.add(placed.listing().withId(GroundTruth.id(source, number, idWidth)));
                truth.add(placed.entity(), source, number);
            }
            LocalDate date = START.plusDays(published);
            int s = source.ordinal();
            String processedAt = String.format(Locale.ROOT, "%sT%02d:%02d:%02dZ", date.minusDays(1), 4 + s % 3,
                    Math.floorMod(s * 13 + published * 7, 60), Math.floorMod(s * 29 + published * 11, 60));
            sink.accept(new SyntheticFile(source, date, processedAt, withIds));
            fileCount++;
        }
    }

    // --- randomness -------------------------------------------------------------------------------------------------
    private static int weighted(SplittableRandom r, int[] weights) {
        int sum = 0;
        for (int w : weights) {
            sum += w;
        }
        int x = r.nextInt(sum);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    /** A well-mixed 64-bit value from the seed and the day (SplitMix64 finaliser), so days are independent. */
    static long mix(long seed, long day) {
        long z = seed * 0x9E3779B97F4A7C15L + day * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
