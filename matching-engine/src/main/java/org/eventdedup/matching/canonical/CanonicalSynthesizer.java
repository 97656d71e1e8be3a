package org.eventdedup.matching.canonical;

import org.eventdedup.matching.text.CodePoints;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.eventdedup.config.domain.model.BooleanStrategy;
import org.eventdedup.config.domain.model.CanonicalConfig;
import org.eventdedup.config.domain.model.FieldStrategies;
import org.eventdedup.config.domain.model.GeoStrategy;
import org.eventdedup.config.domain.model.ListStrategy;
import org.eventdedup.config.domain.model.TextStrategy;
import org.eventdedup.matching.cluster.Cluster;
import org.eventdedup.matching.cluster.ClusterFlag;
import org.eventdedup.matching.cluster.ClusterResult;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Geo;
import org.eventdedup.matching.model.Listing;

/**
 * Merges the listings of a cluster into one {@link CanonicalEvent}, honouring every strategy of
 * {@code canonical.field_strategies} (matching-spec Part A 6; B §9 ignored them).
 *
 * <p>Sources are visited in ingestion order (then id), so "first" means the earliest-ingested source and every tie
 * goes to the earliest-ingested candidate. Empty values (null, or blank text, or an empty list) never win a
 * text or list strategy; when no source has a value the result is null (title: {@code ""}, lists: empty) and the
 * provenance is the earliest-ingested source.
 *
 * <p>Strategies:
 * <ul>
 *   <li>text: {@code longest} and {@code most_complete} take the longest value (length in code points);
 *       {@code longest_non_generic} the longest of at least {@code canonical.title_min_length} characters, else
 *       the longest; {@code shortest} the shortest; {@code first} the earliest-ingested non-empty value;
 *       {@code most_frequent} the value (exact string) held by most sources.</li>
 *   <li>lists: {@code union} all items in first-seen order ({@value #UNION_ALL_SOURCES});
 *       {@code intersection} the items every source with a non-empty list has, in the order of the
 *       earliest-ingested such list ({@value #INTERSECTION_ALL_SOURCES}; a source without the list does not veto);
 *       {@code most_frequent} the list held by most sources, lists compared as sets (provenance: first holder);
 *       {@code first} the earliest-ingested non-empty list.</li>
 *   <li>geo: {@code highest_confidence} among sources with a confidence; {@code most_frequent} the point
 *       (latitude, longitude) given by most sources, taken from its first holder; {@code first} the
 *       earliest-ingested source with coordinates.</li>
 *   <li>booleans (null counts as "not true"): {@code any_true} (provenance: first true source, else the first
 *       source); {@code all_true} (provenance: the first source that is not true, or {@value #ALL_SOURCES});
 *       {@code most_frequent} the majority of the non-null values, a tie going to the earliest-ingested non-null
 *       value (provenance: first source with the winning value; all null gives false).</li>
 * </ul>
 * {@code location_district} and {@code location_zipcode} have no strategy key and use {@code most_complete};
 * {@code dates} are always the union ({@value #UNION_ALL_SOURCES}).
 */
public final class CanonicalSynthesizer {

    public static final String UNION_ALL_SOURCES = "union_all_sources";
    public static final String INTERSECTION_ALL_SOURCES = "intersection_all_sources";
    public static final String ALL_SOURCES = "all_sources";

    static final Comparator<Listing> INGESTION_ORDER =
            Comparator.comparingLong(Listing::ingestionOrder).thenComparing(Listing::id, CodePoints.ORDER);

    private final CanonicalConfig config;

    public CanonicalSynthesizer(CanonicalConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Canonical events for every cluster, valid clusters first, then flagged ones (B §9). */
    public List<CanonicalEvent> synthesizeAll(ClusterResult clustering, Collection<Listing> listings) {
        Map<String, Listing> byId = new HashMap<>(listings.size() * 2);
        for (Listing listing : listings) {
            byId.put(listing.id(), listing);
        }
        List<CanonicalEvent> events = new ArrayList<>(clustering.totalClusterCount());
        for (Cluster cluster : clustering.all()) {
            events.add(synthesize(cluster, byId));
        }
        return events;
    }

    /** The canonical event of one cluster, with match confidence, review flag and AI flag from its decisions. */
    public CanonicalEvent synthesize(Cluster cluster, Map<String, Listing> listingsById) {
        List<Listing> sources = new ArrayList<>(cluster.size());
        for (String id : cluster.memberIds()) {
            Listing listing = listingsById.get(id);
            if (listing == null) {
                throw new IllegalArgumentException("cluster member without listing: " + id);
            }
            sources.add(listing);
        }
        return merge(sources, cluster.matchConfidence(), cluster.flag(), cluster.aiAssisted());
    }

    /** Merges listings outside any clustering: no match confidence, no review flag, not AI-assisted. */
    public CanonicalEvent synthesize(List<Listing> sources) {
        return merge(sources, null, null, false);
    }

    private CanonicalEvent merge(List<Listing> sources, Double matchConfidence,
                                 ClusterFlag flag, boolean aiAssisted) {
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("a canonical event needs at least one event");
        }
        List<Listing> ordered = new ArrayList<>(sources);
        ordered.sort(INGESTION_ORDER);
        FieldStrategies s = config.fieldStrategies();
        Map<String, String> provenance = new LinkedHashMap<>();

        Pick<String> title = text(ordered, Listing::title, s.title());
        provenance.put("title", title.source());
        Pick<String> shortDescription = text(ordered, Listing::shortDescription, s.shortDescription());
        provenance.put("short_description", shortDescription.source());
        Pick<String> description = text(ordered, Listing::description, s.description());
        provenance.put("description", description.source());
        Pick<List<String>> highlights = list(ordered, Listing::highlights, s.highlights());
        provenance.put("highlights", highlights.source());
        Pick<String> name = text(ordered, l -> l.location().name(), s.locationName());
        provenance.put("location_name", name.source());
        Pick<String> city = text(ordered, l -> l.location().city(), s.locationCity());
        provenance.put("location_city", city.source());
        Pick<String> district = text(ordered, l -> l.location().district(), TextStrategy.MOST_COMPLETE);
        provenance.put("location_district", district.source());
        Pick<String> street = text(ordered, l -> l.location().street(), s.locationStreet());
        provenance.put("location_street", street.source());
        Pick<String> zipcode = text(ordered, l -> l.location().zipcode(), TextStrategy.MOST_COMPLETE);
        provenance.put("location_zipcode", zipcode.source());
        Pick<Geo> geo = geo(ordered, s.geo());
        provenance.put("geo", geo.source());
        List<EventDate> dates = dates(ordered);
        provenance.put("dates", UNION_ALL_SOURCES);
        Pick<List<String>> categories = list(ordered, Listing::categories, s.categories());
        provenance.put("categories", categories.source());
        Pick<Boolean> family = bool(ordered, Listing::isFamilyEvent, s.isFamilyEvent());
        provenance.put("is_family_event", family.source());
        Pick<Boolean> child = bool(ordered, Listing::isChildFocused, s.isChildFocused());
        provenance.put("is_child_focused", child.source());
        Pick<Boolean> free = bool(ordered, Listing::admissionFree, s.admissionFree());
        provenance.put("admission_free", free.source());

        LocalDate first = null;
        LocalDate last = null;
        for (EventDate date : dates) {
            for (LocalDate day : new LocalDate[] {date.date(), date.endDate()}) {
                if (day != null) {
                    first = first == null || day.isBefore(first) ? day : first;
                    last = last == null || day.isAfter(last) ? day : last;
                }
            }
        }
        List<String> ids = new ArrayList<>(ordered.size());
        for (Listing listing : ordered) {
            ids.add(listing.id());
        }
        ids.sort(CodePoints.ORDER);
        Geo g = geo.value();
        return new CanonicalEvent(
                title.value() == null ? "" : title.value(), shortDescription.value(), description.value(),
                highlights.value(), name.value(), city.value(), district.value(), street.value(), zipcode.value(),
                g == null ? null : new CanonicalGeo(g.latitude(), g.longitude(), g.confidence()),
                dates, first, last, categories.value(),
                family.value(), child.value(), free.value(),
                ordered.size(), ids, provenance, matchConfidence, flag != null, flag, aiAssisted);
    }

    /** A chosen value and where it came from (a listing id or a multi-source marker). */
    private record Pick<T>(T value, String source) {
    }

    private Pick<String> text(List<Listing> ordered, Function<Listing, String> field, TextStrategy strategy) {
        List<Listing> holders = new ArrayList<>(ordered.size());
        for (Listing listing : ordered) {
            String value = field.apply(listing);
            if (value != null && !value.isBlank()) {
                holders.add(listing);
            }
        }
        if (holders.isEmpty()) {
            return new Pick<>(null, ordered.get(0).id());
        }
        Listing chosen = switch (strategy) {
            case LONGEST, MOST_COMPLETE -> longest(holders, field, 0);
            case LONGEST_NON_GENERIC -> {
                Listing longEnough = longest(holders, field, config.titleMinLength());
                yield longEnough != null ? longEnough : longest(holders, field, 0);
            }
            case SHORTEST -> shortest(holders, field);
            case FIRST -> holders.get(0);
            case MOST_FREQUENT -> mostFrequent(holders, field);
        };
        return new Pick<>(field.apply(chosen), chosen.id());
    }

    /** The first holder with the greatest length, considering only lengths of at least {@code minLength}. */
    private static Listing longest(List<Listing> holders, Function<Listing, String> field, int minLength) {
        Listing best = null;
        int bestLength = -1;
        for (Listing listing : holders) {
            int length = length(field.apply(listing));
            if (length >= minLength && length > bestLength) {
                best = listing;
                bestLength = length;
            }
        }
        return best;
    }

    private static Listing shortest(List<Listing> holders, Function<Listing, String> field) {
        Listing best = null;
        int bestLength = Integer.MAX_VALUE;
        for (Listing listing : holders) {
            int length = length(field.apply(listing));
            if (length < bestLength) {
                best = listing;
                bestLength = length;
            }
        }
        return best;
    }

    /** Length as Python's {@code len}: code points, so a character outside the BMP counts once. */
    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** The first holder of the value (by {@code key}) held by most listings; a tie goes to the first-seen value. */
    private static <K> Listing mostFrequent(List<Listing> holders, Function<Listing, K> key) {
        Map<K, Integer> counts = new HashMap<>();
        Map<K, Listing> firstHolder = new LinkedHashMap<>();
        for (Listing listing : holders) {
            K k = key.apply(listing);
            counts.merge(k, 1, Integer::sum);
            firstHolder.putIfAbsent(k, listing);
        }
        Listing best = null;
        int bestCount = 0;
        for (Map.Entry<K, Listing> entry : firstHolder.entrySet()) { // first-seen order
            int count = counts.get(entry.getKey());
            if (count > bestCount) {
                best = entry.getValue();
                bestCount = count;
            }
        }
        return best;
    }

    private static Pick<List<String>> list(List<Listing> ordered, Function<Listing, List<String>> field,
                                           ListStrategy strategy) {
        List<Listing> holders = new ArrayList<>(ordered.size());
        for (Listing listing : ordered) {
            if (!field.apply(listing).isEmpty()) {
                holders.add(listing);
            }
        }
        String firstId = ordered.get(0).id();
        return switch (strategy) {
            case UNION -> {
                Set<String> union = new LinkedHashSet<>();
                for (Listing listing : holders) {
                    union.addAll(field.apply(listing));
                }
                yield new Pick<>(List.copyOf(union), UNION_ALL_SOURCES);
            }
            case INTERSECTION -> {
                if (holders.isEmpty()) {
                    yield new Pick<>(List.of(), INTERSECTION_ALL_SOURCES);
                }
                Set<String> common = new LinkedHashSet<>(field.apply(holders.get(0)));
                for (Listing listing : holders.subList(1, holders.size())) {
                    common.retainAll(Set.copyOf(field.apply(listing)));
                }
                yield new Pick<>(List.copyOf(common), INTERSECTION_ALL_SOURCES);
            }
            case MOST_FREQUENT -> {
                if (holders.isEmpty()) {
                    yield new Pick<>(List.of(), firstId);
                }
                Listing chosen = mostFrequent(holders, l -> Set.copyOf(field.apply(l)));
                yield new Pick<>(distinct(field.apply(chosen)), chosen.id());
            }
            case FIRST -> holders.isEmpty()
                    ? new Pick<>(List.of(), firstId)
                    : new Pick<>(distinct(field.apply(holders.get(0))), holders.get(0).id());
        };
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }

    /** Same point, whatever the confidence; records compare doubles with {@link Double#compare}. */
    private record Point(double latitude, double longitude) {
    }

    private static Pick<Geo> geo(List<Listing> ordered, GeoStrategy strategy) {
        List<Listing> holders = new ArrayList<>(ordered.size());
        for (Listing listing : ordered) {
            Geo geo = listing.location().geo();
            if (geo != null && (strategy != GeoStrategy.HIGHEST_CONFIDENCE
                    || geo.confidence() != null && !geo.confidence().isNaN())) {
                holders.add(listing);
            }
        }
        if (holders.isEmpty()) {
            return new Pick<>(null, ordered.get(0).id());
        }
        Listing chosen = switch (strategy) {
            case HIGHEST_CONFIDENCE -> {
                Listing best = holders.get(0);
                for (Listing listing : holders) {
                    if (listing.location().geo().confidence() > best.location().geo().confidence()) {
                        best = listing;
                    }
                }
                yield best;
            }
            case MOST_FREQUENT -> mostFrequent(holders,
                    l -> new Point(l.location().geo().latitude(), l.location().geo().longitude()));
            case FIRST -> holders.get(0);
        };
        return new Pick<>(chosen.location().geo(), chosen.id());
    }

    private static Pick<Boolean> bool(List<Listing> ordered, Function<Listing, Boolean> field,
                                      BooleanStrategy strategy) {
        String firstId = ordered.get(0).id();
        switch (strategy) {
            case ANY_TRUE -> {
                for (Listing listing : ordered) {
                    if (Boolean.TRUE.equals(field.apply(listing))) {
                        return new Pick<>(true, listing.id());
                    }
                }
                return new Pick<>(false, firstId);
            }
            case ALL_TRUE -> {
                for (Listing listing : ordered) {
                    if (!Boolean.TRUE.equals(field.apply(listing))) {
                        return new Pick<>(false, listing.id());
                    }
                }
                return new Pick<>(true, ALL_SOURCES);
            }
            case MOST_FREQUENT -> {
                int trues = 0;
                int falses = 0;
                Boolean firstSeen = null;
                for (Listing listing : ordered) {
                    Boolean value = field.apply(listing);
                    if (value != null) {
                        firstSeen = firstSeen == null ? value : firstSeen;
                        if (value) {
                            trues++;
                        } else {
                            falses++;
                        }
                    }
                }
                if (firstSeen == null) {
                    return new Pick<>(false, firstId);
                }
                boolean winner = trues == falses ? firstSeen : trues > falses;
                for (Listing listing : ordered) {
                    if (Boolean.valueOf(winner).equals(field.apply(listing))) {
                        return new Pick<>(winner, listing.id());
                    }
                }
                throw new IllegalStateException("unreachable: the winning value has a holder");
            }
            default -> throw new IllegalArgumentException("unknown boolean strategy " + strategy);
        }
    }

    private static List<EventDate> dates(List<Listing> ordered) {
        Set<EventDate> union = new LinkedHashSet<>();
        for (Listing listing : ordered) {
            union.addAll(listing.dates());
        }
        return List.copyOf(union);
    }
}
