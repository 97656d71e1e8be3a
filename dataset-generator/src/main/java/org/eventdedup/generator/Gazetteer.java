package org.eventdedup.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Towns, districts and venues of the Breisgau, Emmendingen, Ortenau and Hochschwarzwald, with real-ish coordinates
 * (town centres to three decimals; every point lies inside the blocking box lat 47.5–48.5, lon 7.3–8.5). The
 * spellings a town appears under in the region's sources are listed with it: some are covered by
 * {@code config/city_aliases.yaml} ("Freiburg i. Br."), some on purpose are not ("Lahr/Schw."), as in real feeds.
 *
 * <p>Venues are built once from fixed templates with a fixed seed, so the gazetteer is the same in every run.
 */
final class Gazetteer {

    enum Region { BREISGAU, ORTENAU, HOCHSCHWARZWALD }

    /** A place of the region; {@code weight} is its share of events, {@code spellings.get(0)} its official name. */
    record Town(String name, List<String> spellings, String zipcode, double lat, double lon, int weight,
                Region region, List<District> districts, List<Venue> venues) {
        String adjective() {
            // "Kenzinger", "Freiburger": the form used in "Kenzinger Flohmarkt"
            String base = name.contains(" ") ? name.substring(0, name.indexOf(' ')) : name;
            base = base.contains("/") ? base.substring(0, base.indexOf('/')) : base;
            if (base.endsWith("en")) {
                return base.substring(0, base.length() - 2) + "er";
            }
            if (base.endsWith("e")) {
                return base + "r";
            }
            return base + "er";
        }

        String shortName() {
            String base = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
            for (String suffix : List.of(" im Breisgau", " am Kaiserstuhl", " am Rhein", " im Kinzigtal",
                    " im Elztal", " am Harmersbach", " im Schwarzwald", " (Schwarzwald)")) {
                if (base.endsWith(suffix) && !base.equals("Zell am Harmersbach")) {
                    return base.substring(0, base.length() - suffix.length());
                }
            }
            return base;
        }
    }

    /** A part of a town; {@code aliased} says whether {@code config/city_aliases.yaml} maps it to its town. */
    record District(String name, double lat, double lon, boolean aliased) {
    }

    /**
     * A venue: {@code names.get(0)} is its usual name, the others are how other sources write it. {@code kind}
     * tells which events it hosts.
     */
    record Venue(VenueKind kind, List<String> names, String street, String district, double lat, double lon) {
    }

    enum VenueKind { HALL, CHURCH, INN, SQUARE, CINEMA, SCHOOL, TOWNHALL, SPORTS, LIBRARY, OUTDOOR, MUSEUM, WINERY }

    private Gazetteer() {
    }

    static List<Town> towns() {
        return TOWNS;
    }

    private static List<Town> build() {
        SplittableRandom random = new SplittableRandom(0x6A2E7C1DL);
        List<Town> towns = new ArrayList<>();
        Region b = Region.BREISGAU;
        Region o = Region.ORTENAU;
        Region h = Region.HOCHSCHWARZWALD;
        add(towns, random, "Freiburg im Breisgau", "79098", 47.994, 7.849, 30, b,
                List.of("Freiburg", "Freiburg i. Br.", "Freiburg i.Br.", "Freiburg im Breisgau"),
                districts("Wiehre", 47.987, 7.857, true, "Stühlinger", 47.981, 7.860, true, "Betzenhausen", 48.004,
                        7.812, true, "Landwasser", 47.975, 7.830, true, "Littenweiler", 47.978, 7.895, true,
                        "Zähringen", 48.007, 7.826, true, "Herdern", 48.005, 7.855, true, "Vauban", 47.979, 7.832,
                        true, "St. Georgen", 47.973, 7.806, false, "Munzingen", 47.960, 7.726, true));
        add(towns, random, "Emmendingen", "79312", 48.121, 7.848, 10, b, List.of("Emmendingen"),
                districts("Mundingen", 48.140, 7.825, true, "Kollmarsreute", 48.111, 7.873, true, "Wasser", 48.130,
                        7.878, true, "Windenreute", 48.117, 7.873, true));
        add(towns, random, "Waldkirch", "79183", 48.094, 7.959, 9, b, List.of("Waldkirch"),
                districts("Kollnau", 48.108, 7.973, true, "Buchholz", 48.107, 7.987, true, "Suggental", 48.085,
                        7.929, true, "Siensbach", 48.115, 7.998, true));
        add(towns, random, "Kenzingen", "79341", 48.191, 7.769, 6, b, List.of("Kenzingen"),
                districts("Nordweil", 48.210, 7.815, true, "Hecklingen", 48.169, 7.794, true, "Bombach", 48.195,
                        7.797, true));
        add(towns, random, "Herbolzheim", "79336", 48.218, 7.777, 5, b, List.of("Herbolzheim"),
                districts("Wagenstadt", 48.235, 7.790, true, "Tutschfelden", 48.205, 7.805, true));
        add(towns, random, "Endingen am Kaiserstuhl", "79346", 48.143, 7.704, 5, b,
                List.of("Endingen", "Endingen am Kaiserstuhl", "Endingen a. K."),
                districts("Königschaffhausen", 48.157, 7.716, true, "Amoltern", 48.128, 7.684, true));
        add(towns, random, "Teningen", "79331", 48.130, 7.811, 5, b, List.of("Teningen"),
                districts("Köndringen", 48.142, 7.831, true, "Nimburg", 48.154, 7.818, true));
        add(towns, random, "Denzlingen", "79211", 48.069, 7.879, 5, b, List.of("Denzlingen"), List.of());
        add(towns, random, "Gundelfingen", "79194", 48.042, 7.867, 4, b, List.of("Gundelfingen"),
                districts("Wildtal", 48.037, 7.849, false));
        add(towns, random, "March", "79232", 48.057, 7.786, 3, b, List.of("March"),
                districts("Hugstetten", 48.049, 7.770, true, "Neuershausen", 48.060, 7.741, true));
        add(towns, random, "Umkirch", "79224", 48.034, 7.763, 2, b, List.of("Umkirch"), List.of());
        add(towns, random, "Bötzingen", "79268", 48.075, 7.726, 2, b, List.of("Bötzingen", "Boetzingen"), List.of());
        add(towns, random, "Breisach am Rhein", "79206", 48.034, 7.583, 4, b,
                List.of("Breisach", "Breisach am Rhein"), districts("Gündlingen", 48.015, 7.622, true));
        add(towns, random, "Ihringen", "79241", 48.042, 7.649, 2, b, List.of("Ihringen"), List.of());
        add(towns, random, "Vogtsburg im Kaiserstuhl", "79235", 48.097, 7.638, 2, b,
                List.of("Vogtsburg", "Vogtsburg im Kaiserstuhl"),
                districts("Oberrotweil", 48.112, 7.615, false, "Burkheim", 48.100, 7.601, false));
        add(towns, random, "Riegel am Kaiserstuhl", "79359", 48.150, 7.745, 2, b,
                List.of("Riegel", "Riegel am Kaiserstuhl"), List.of());
        add(towns, random, "Elzach", "79215", 48.174, 8.072, 3, b, List.of("Elzach"),
                districts("Prechtal", 48.180, 8.115, true, "Oberprechtal", 48.205, 8.150, true));
        add(towns, random, "Simonswald", "79263", 48.092, 8.054, 2, b, List.of("Simonswald"), List.of());
        add(towns, random, "Gutach im Breisgau", "79261", 48.113, 8.011, 2, b,
                List.of("Gutach im Breisgau", "Gutach i. Br."), districts("Bleibach", 48.125, 8.030, true));
        add(towns, random, "Glottertal", "79286", 48.050, 7.941, 2, b, List.of("Glottertal"), List.of());
        add(towns, random, "St. Peter", "79271", 48.012, 8.032, 2, h, List.of("St. Peter", "Sankt Peter"), List.of());
        add(towns, random, "Kirchzarten", "79199", 47.962, 7.957, 4, h, List.of("Kirchzarten"),
                districts("Zarten", 47.968, 7.975, false));
        add(towns, random, "Titisee-Neustadt", "79822", 47.913, 8.213, 4, h,
                List.of("Titisee-Neustadt", "Neustadt"), districts("Titisee", 47.899, 8.157, false));
        add(towns, random, "Hinterzarten", "79856", 47.904, 8.107, 2, h, List.of("Hinterzarten"), List.of());
        add(towns, random, "Lenzkirch", "79853", 47.869, 8.204, 2, h, List.of("Lenzkirch"), List.of());
        add(towns, random, "Feldberg (Schwarzwald)", "79868", 47.862, 8.036, 2, h,
                List.of("Feldberg", "Feldberg (Schwarzwald)", "Feldberg/Schwarzwald"), List.of());
        add(towns, random, "Bad Krozingen", "79189", 47.920, 7.704, 5, b, List.of("Bad Krozingen"),
                districts("Tunsel", 47.903, 7.713, false));
        add(towns, random, "Staufen im Breisgau", "79219", 47.885, 7.735, 3, b,
                List.of("Staufen", "Staufen im Breisgau", "Staufen i. Br."), List.of());
        add(towns, random, "Heitersheim", "79423", 47.875, 7.653, 2, b, List.of("Heitersheim"), List.of());
        add(towns, random, "Müllheim", "79379", 47.809, 7.630, 4, b,
                List.of("Müllheim", "Müllheim im Markgräflerland", "Muellheim"),
                districts("Britzingen", 47.824, 7.592, false));
        add(towns, random, "Sulzburg", "79295", 47.835, 7.710, 1, b, List.of("Sulzburg"), List.of());
        add(towns, random, "Ehrenkirchen", "79238", 47.917, 7.725, 2, b, List.of("Ehrenkirchen"), List.of());
        add(towns, random, "Merzhausen", "79249", 47.965, 7.828, 2, b, List.of("Merzhausen"), List.of());
        add(towns, random, "Schallstadt", "79227", 47.960, 7.751, 2, b, List.of("Schallstadt"), List.of());
        add(towns, random, "Offenburg", "77652", 48.471, 7.942, 12, o, List.of("Offenburg"),
                districts("Zell-Weierbach", 48.466, 7.982, true, "Bohlsbach", 48.500, 7.971, true));
        add(towns, random, "Lahr/Schwarzwald", "77933", 48.340, 7.873, 8, o,
                List.of("Lahr", "Lahr/Schwarzwald", "Lahr/Schw."),
                districts("Mietersheim", 48.344, 7.896, true, "Kuhbach", 48.328, 7.905, true, "Sulz", 48.318,
                        7.880, false));
        add(towns, random, "Ettenheim", "77955", 48.255, 7.811, 4, o, List.of("Ettenheim"),
                districts("Altdorf", 48.268, 7.797, false, "Münchweier", 48.246, 7.852, true));
        add(towns, random, "Friesenheim", "77948", 48.374, 7.874, 4, o, List.of("Friesenheim"),
                districts("Schuttern", 48.387, 7.885, true, "Oberschopfheim", 48.393, 7.851, true));
        add(towns, random, "Gengenbach", "77723", 48.404, 8.012, 4, o, List.of("Gengenbach"), List.of());
        add(towns, random, "Haslach im Kinzigtal", "77716", 48.277, 8.088, 3, o,
                List.of("Haslach", "Haslach im Kinzigtal", "Haslach i. K."), List.of());
        add(towns, random, "Hausach", "77756", 48.280, 8.178, 2, o, List.of("Hausach"), List.of());
        add(towns, random, "Wolfach", "77709", 48.295, 8.225, 2, o, List.of("Wolfach"), List.of());
        add(towns, random, "Biberach", "77781", 48.338, 8.029, 2, o, List.of("Biberach"), List.of());
        add(towns, random, "Zell am Harmersbach", "77736", 48.346, 8.062, 2, o,
                List.of("Zell am Harmersbach", "Zell a. H."), List.of());
        add(towns, random, "Seelbach", "77960", 48.310, 7.941, 2, o, List.of("Seelbach"), List.of());
        add(towns, random, "Schutterwald", "77746", 48.460, 7.880, 2, o, List.of("Schutterwald"), List.of());
        add(towns, random, "Hohberg", "77749", 48.419, 7.898, 2, o, List.of("Hohberg"),
                districts("Niederschopfheim", 48.415, 7.914, false));
        add(towns, random, "Neuried", "77743", 48.448, 7.822, 2, o, List.of("Neuried"), List.of());
        add(towns, random, "Rust", "77977", 48.267, 7.733, 2, o, List.of("Rust"), List.of());
        add(towns, random, "Triberg im Schwarzwald", "78098", 48.127, 8.231, 2, h,
                List.of("Triberg", "Triberg im Schwarzwald"), List.of());
        add(towns, random, "Freiamt", "79348", 48.164, 7.905, 2, b, List.of("Freiamt"),
                districts("Ottoschwanden", 48.162, 7.888, true));
        add(towns, random, "Rheinhausen", "79365", 48.246, 7.707, 1, b, List.of("Rheinhausen"),
                districts("Oberhausen", 48.248, 7.714, true, "Niederhausen", 48.240, 7.695, true));
        return List.copyOf(towns);
    }

    private static List<District> districts(Object... values) {
        List<District> list = new ArrayList<>();
        for (int i = 0; i < values.length; i += 4) {
            list.add(new District((String) values[i], (Double) values[i + 1], (Double) values[i + 2],
                    (Boolean) values[i + 3]));
        }
        return List.copyOf(list);
    }

    private static final String[] STREETS = {
        "Hauptstraße", "Kirchstraße", "Schulstraße", "Bahnhofstraße", "Am Festplatz", "Marktplatz", "Lindenstraße",
        "Rathausplatz", "Mühlenweg", "Friedhofstraße", "Am Stadtgarten", "Schwarzwaldstraße", "Gartenstraße",
        "Turnhallenstraße", "Kronenstraße", "Rheinstraße", "Talstraße", "Im Winkel",
    };

    private static final String[] INNS = {"Hirschen", "Adler", "Sonne", "Rebstock", "Lamm", "Krone", "Schwanen",
        "Löwen", "Ochsen", "Engel", "Linde", "Storchen", "Rössle", "Bären"};

    private static final String[] SAINTS = {"St. Martin", "St. Gallus", "St. Michael", "St. Peter und Paul",
        "St. Blasius", "St. Laurentius", "St. Bonifatius", "St. Franziskus"};

    private static void add(List<Town> towns, SplittableRandom random, String name, String zipcode, double lat,
                            double lon, int weight, Region region, List<String> spellings,
                            List<District> districts) {
        List<Venue> venues = new ArrayList<>();
        String shortName = new Town(name, spellings, zipcode, lat, lon, weight, region, districts, List.of())
                .shortName();
        boolean city = weight >= 8;
        venue(venues, random, lat, lon, VenueKind.HALL, null,
                city ? "Stadthalle" : "Festhalle", (city ? "Stadthalle " : "Festhalle ") + shortName,
                city ? "Stadthalle, Großer Saal" : "Fest- und Mehrzweckhalle");
        venue(venues, random, lat, lon, VenueKind.HALL, null, "Bürgerhaus", "Bürgerhaus " + shortName,
                "Bürgerhaus, Saal");
        String saint = SAINTS[random.nextInt(SAINTS.length)];
        venue(venues, random, lat, lon, VenueKind.CHURCH, null, "Kirche " + saint, "Pfarrkirche " + saint,
                "Kath. Kirche " + saint);
        venue(venues, random, lat, lon, VenueKind.CHURCH, null, "Evangelische Kirche", "Ev. Kirche",
                "Evangelische Stadtkirche");
        venue(venues, random, lat, lon, VenueKind.HALL, null, "Pfarrheim", "Kath. Gemeindehaus",
                "Pfarrzentrum " + shortName);
        int inns = city ? 3 : 2;
        for (int i = 0; i < inns; i++) {
            String inn = INNS[random.nextInt(INNS.length)];
            venue(venues, random, lat, lon, VenueKind.INN, null, "Gasthaus " + inn, inn, "Gasthof " + inn);
        }
        venue(venues, random, lat, lon, VenueKind.SQUARE, null, "Marktplatz", "Marktplatz " + shortName,
                "Rathausplatz");
        venue(venues, random, lat, lon, VenueKind.TOWNHALL, null, "Rathaus", "Rathaus " + shortName,
                "Rathaus, Sitzungssaal");
        venue(venues, random, lat, lon, VenueKind.SCHOOL, null, "Aula der Grundschule", "Grundschule, Aula",
                "Grundschule " + shortName);
        venue(venues, random, lat, lon, VenueKind.SPORTS, null, "Sporthalle", "Sporthalle " + shortName,
                "Sportplatz");
        venue(venues, random, lat, lon, VenueKind.OUTDOOR, null, "Wanderparkplatz", "Treffpunkt Wanderparkplatz",
                "Parkplatz am Waldrand");
        if (weight >= 3) {
            venue(venues, random, lat, lon, VenueKind.CINEMA, null, "Kino " + shortName, shortName + "er Kino",
                    "Kino");
            venue(venues, random, lat, lon, VenueKind.LIBRARY, null, "Stadtbibliothek", "Bibliothek",
                    "Stadtbücherei " + shortName);
            venue(venues, random, lat, lon, VenueKind.MUSEUM, null, "Heimatmuseum", "Museum " + shortName,
                    "Heimat- und Stadtmuseum");
        }
        if (region != Region.HOCHSCHWARZWALD) {
            venue(venues, random, lat, lon, VenueKind.WINERY, null, "Winzerkeller", "Winzergenossenschaft "
                    + shortName, "Winzerkeller der WG");
        }
        for (District district : districts) {
            venue(venues, random, district.lat(), district.lon(), VenueKind.HALL, district.name(),
                    "Festhalle " + district.name(), "Gemeindehalle " + district.name(), "Festhalle");
            venue(venues, random, district.lat(), district.lon(), VenueKind.CHURCH, district.name(),
                    "Kirche " + SAINTS[random.nextInt(SAINTS.length)], "Dorfkirche " + district.name(), "Kirche");
        }
        towns.add(new Town(name, List.copyOf(spellings), zipcode, lat, lon, weight, region, districts,
                List.copyOf(venues)));
    }

    private static void venue(List<Venue> venues, SplittableRandom random, double lat, double lon, VenueKind kind,
                              String district, String... names) {
        // within about 1.2 km of the centre
        double dLat = (random.nextDouble() - 0.5) * 0.02;
        double dLon = (random.nextDouble() - 0.5) * 0.03;
        String street = STREETS[random.nextInt(STREETS.length)];
        if (!street.startsWith("Am ") && !street.endsWith("platz")) {
            street = street + " " + (1 + random.nextInt(60));
        }
        venues.add(new Venue(kind, List.of(names), street, district, round6(lat + dLat), round6(lon + dLon)));
    }

    static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    // after the tables above: static fields initialise in order
    private static final List<Town> TOWNS = build();
}
