package org.eventdedup.generator;

import org.eventdedup.generator.EventCatalog.Kind;
import org.eventdedup.generator.Gazetteer.Region;

/**
 * The six sources of the synthetic region, modelled on the kinds of feeds the service ingests: two daily papers, a
 * regional paper, an aggregating calendar, the towns' gazettes (scanned, so with OCR errors) and a culture portal.
 * Each has its own coverage, mix of source types, time format, geocoder quality and habits in writing titles.
 */
public enum Source {
    BZO("bzo", "Tageszeitung Breisgau (online)", 5, 45, 5, false, Geocoder.VENUE, 1.0, 0.15, 0.5),
    OTB("otb", "Tageszeitung Ortenau", 3, 40, 5, true, Geocoder.APPROXIMATE, 0.1, 1.0, 0.2),
    SWB("swb", "Regionalzeitung Kinzigtal/Schwarzwald", 4, 35, 0, false, Geocoder.APPROXIMATE, 0.25, 0.8, 0.9),
    RVK("rvk", "Regionaler Veranstaltungskalender (Aggregator)", 0, 0, 0, true, Geocoder.CENTROID, 0.9, 0.9, 0.9),
    AMT("amt", "Amts- und Gemeindeblätter (OCR)", 3, 8, 0, false, Geocoder.SPARSE, 0.75, 0.75, 0.7),
    KPO("kpo", "Kulturportal Südbaden", 2, 0, 0, false, Geocoder.VENUE, 0.8, 0.8, 0.8);

    /** How well a source's geocoder places a venue. */
    enum Geocoder { VENUE, APPROXIMATE, CENTROID, SPARSE }

    private final String code;
    private final String label;
    private final int publicationWeekday;
    private final int artikelPercent;
    private final int anzeigePercent;
    private final boolean timesWithSeconds;
    private final Geocoder geocoder;
    private final double breisgau;
    private final double ortenau;
    private final double hochschwarzwald;

    Source(String code, String label, int publicationWeekday, int artikelPercent, int anzeigePercent,
           boolean timesWithSeconds, Geocoder geocoder, double breisgau, double ortenau, double hochschwarzwald) {
        this.code = code;
        this.label = label;
        this.publicationWeekday = publicationWeekday;
        this.artikelPercent = artikelPercent;
        this.anzeigePercent = anzeigePercent;
        this.timesWithSeconds = timesWithSeconds;
        this.geocoder = geocoder;
        this.breisgau = breisgau;
        this.ortenau = ortenau;
        this.hochschwarzwald = hochschwarzwald;
    }

    /** The source code: file names start with it, listing ids too ({@code bzo-000042}). */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** 0..6: the day of the week (counted from the generator's start day) the source publishes its weekly file. */
    int publicationWeekday() {
        return publicationWeekday;
    }

    int artikelPercent() {
        return artikelPercent;
    }

    int anzeigePercent() {
        return anzeigePercent;
    }

    boolean timesWithSeconds() {
        return timesWithSeconds;
    }

    Geocoder geocoder() {
        return geocoder;
    }

    /** How likely the source is to report an event of {@code kind} in {@code region} (relative weight). */
    double coverage(Region region, Kind kind) {
        double base = switch (region) {
            case BREISGAU -> breisgau;
            case ORTENAU -> ortenau;
            case HOCHSCHWARZWALD -> hochschwarzwald;
        };
        boolean culture = switch (kind) {
            case KONZERT, KINO, THEATER, LESUNG, AUSSTELLUNG, VORTRAG -> true;
            default -> false;
        };
        if (this == KPO) {
            return culture ? base * 1.6 : base * 0.4;
        }
        if (this == AMT && (kind == Kind.VERSAMMLUNG || kind == Kind.GOTTESDIENST || kind == Kind.MARKT)) {
            return base * 2;
        }
        return base;
    }
}
