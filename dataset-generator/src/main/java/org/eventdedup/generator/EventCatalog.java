package org.eventdedup.generator;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.eventdedup.generator.Gazetteer.Town;
import org.eventdedup.generator.Gazetteer.VenueKind;

/**
 * What happens in the region: the kinds of events, their names, headlines and description sentences, written after
 * the shape of the region's papers and calendars. An {@link Idea} is one real event before any source writes about
 * it; {@link ListingWriter} then turns it into each source's listing.
 *
 * <p>Title forms use placeholders filled per listing: {@code {T}} town, {@code {Ta}} its adjective ("Kenzinger"),
 * {@code {F}} / {@code {Fs}} / {@code {fs}} a Fasnet dialect word (standalone / compound / lowercase compound) and
 * {@code {H}} a Hemdglunker spelling, so that each source can use its own dialect variant.
 */
final class EventCatalog {

    enum Kind {
        KONZERT(14, "konzert"), KINO(9, "kino"), VORTRAG(8, "vortrag"), THEATER(6, "theater"), FASNACHT(0, "fasnacht"),
        VERSAMMLUNG(9, "versammlung"), FLOHMARKT(6, "flohmarkt"), MARKT(4, "markt"), GOTTESDIENST(6, "gottesdienst"),
        SPORT(6, "sport"), WANDERUNG(5, "wanderung"), FUEHRUNG(3, "fuehrung"), KINDER(7, "kinder"),
        LESUNG(3, "lesung"), AUSSTELLUNG(3, "ausstellung"), HOCK(3, "hock"), WEINFEST(0, "weinfest");

        final int baseWeight;
        final String category;

        Kind(int baseWeight, String category) {
            this.baseWeight = baseWeight;
            this.category = category;
        }

        /** Seasonal weight on {@code day}: Fasnet from Epiphany to Ash Wednesday (about), wine from June to October. */
        int weightOn(LocalDate day) {
            MonthDay md = MonthDay.from(day);
            return switch (this) {
                case FASNACHT -> md.isAfter(MonthDay.of(1, 5)) && md.isBefore(MonthDay.of(2, 25)) ? 30 : 0;
                case WEINFEST -> day.getMonthValue() >= 6 && day.getMonthValue() <= 10 ? 6 : 1;
                case HOCK -> day.getMonthValue() >= 4 && day.getMonthValue() <= 10 ? 6 : 1;
                case WANDERUNG -> day.getMonthValue() >= 4 && day.getMonthValue() <= 10 ? 7 : 3;
                default -> baseWeight;
            };
        }
    }

    /**
     * One real event as an idea: its calendar title forms (the first is the usual one), newspaper headlines, the
     * sentences a description may use, categories and the alternatives other sources file it under, the venue kind,
     * start time (minutes after midnight), duration, how many days it lasts, and whether it is recurring.
     */
    record Idea(Kind kind, List<String> calendarTitles, List<String> headlines, String lead, List<String> details,
                List<String> categories, List<String> otherCategories, VenueKind venueKind, int startMinute,
                int durationMinutes, int days, boolean sessionDates, Recurrence recurrence, boolean family,
                boolean child, boolean free, String admission, boolean generic, String seriesPrefix) {
    }

    /** How an event repeats: never, on following days (cinema), weekly (market) or monthly (council). */
    enum Recurrence { NONE, DAILY, WEEKLY, MONTHLY }

    private EventCatalog() {
    }

    static Kind pickKind(SplittableRandom random, LocalDate day) {
        int total = 0;
        for (Kind kind : Kind.values()) {
            total += kind.weightOn(day);
        }
        int r = random.nextInt(total);
        for (Kind kind : Kind.values()) {
            r -= kind.weightOn(day);
            if (r < 0) {
                return kind;
            }
        }
        throw new AssertionError();
    }

    static Idea idea(Kind kind, SplittableRandom r, Town town, LocalDate day) {
        return switch (kind) {
            case KONZERT -> konzert(r, town);
            case KINO -> kino(r, town);
            case VORTRAG -> vortrag(r);
            case THEATER -> theater(r, town);
            case FASNACHT -> fasnacht(r, town);
            case VERSAMMLUNG -> versammlung(r, town, day);
            case FLOHMARKT -> flohmarkt(r);
            case MARKT -> markt(r, day);
            case GOTTESDIENST -> gottesdienst(r);
            case SPORT -> sport(r, day);
            case WANDERUNG -> wanderung(r);
            case FUEHRUNG -> fuehrung(r);
            case KINDER -> kinder(r, day);
            case LESUNG -> lesung(r);
            case AUSSTELLUNG -> ausstellung(r);
            case HOCK -> hock(r);
            case WEINFEST -> weinfest(r);
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    private static final String[] ENSEMBLES = {"Musikverein {T}", "Stadtkapelle {T}", "Männergesangverein {T}",
        "Jugendblasorchester {T}", "Harmonika-Orchester {T}", "Bürgerwehrkapelle {T}", "Trachtenkapelle {T}",
        "Kirchenchor {T}", "Akkordeonorchester {T}", "Liederkranz {T}"};
    private static final String[] CONCERTS = {"Jahreskonzert", "Frühjahrskonzert", "Winterkonzert", "Kirchenkonzert",
        "Sommerserenade", "Benefizkonzert", "Herbstkonzert", "Matinee"};
    private static final String[] BANDS = {"Les Voisins", "Klezmer Connection", "Mundart-Duo Schwätzer",
        "Hochschwarzwald Hillbillies", "Trio Kaiserstuhl", "Blechbläserquintett Brassissimo",
        "Streichquartett Cantabile", "Big Band Dreisamtal", "Gospelchor Joyful Voices", "Duo Saitenwind",
        "Elztal Jazz Stompers", "Kinzigtäler Blechhaufen", "Black Forest Ramblers", "Vokalensemble Cantus Rhenus",
        "Die Dorfrocker", "Quartetto Brisgovia", "Markgräfler Saitenmusik", "Swing Company Lahr"};

    private static Idea konzert(SplittableRandom r, Town town) {
        if (r.nextInt(5) < 2) {
            String ensemble = pick(r, ENSEMBLES);
            String type = pick(r, CONCERTS);
            return new Idea(Kind.KONZERT,
                    List.of(type + " " + ensemble, ensemble + ": " + type, ensemble + " – " + type, type,
                            "Konzert: " + type + " " + ensemble),
                    List.of("Von Marsch bis Musical: " + ensemble + " lädt zum " + type,
                            ensemble + " bittet zum " + type, type + ": " + ensemble + " mit neuem Programm",
                            "Großer Auftritt für " + ensemble),
                    ensemble + " lädt zum " + type + " ein.",
                    List.of("Unter der Leitung von " + pick(r, PEOPLE) + " erklingen Werke von Klassik bis Pop.",
                            "Auch die Jugendkapelle wirkt mit.", "Für Bewirtung ist gesorgt.",
                            "Karten gibt es im Vorverkauf und an der Abendkasse.",
                            "Einlass ist eine halbe Stunde vor Konzertbeginn."),
                    List.of("konzert", "blasmusik"), List.of("musik", "kultur"), r.nextInt(3) == 0
                            ? VenueKind.CHURCH : VenueKind.HALL, pickTime(r, 17 * 60, 19 * 60, 19 * 60 + 30, 20 * 60,
                            11 * 60), 150, 1, false, Recurrence.NONE, true, false, r.nextBoolean(),
                    "Eintritt: " + (8 + r.nextInt(8)) + " Euro, Jugendliche frei.", false, null);
        }
        String band = pick(r, BANDS);
        return new Idea(Kind.KONZERT,
                List.of("Konzert: " + band, band + " live", "Konzert mit " + band, band, band + " – Konzert"),
                List.of(band + " gastiert in {T}", "Musikalischer Abend mit " + band, band + " zu Gast in {T}",
                        "Live im {Ta} Kulturprogramm: " + band),
                band + " ist zu Gast.",
                List.of("Die Musiker stammen aus der Region.", "Freie Platzwahl.",
                        "Karten gibt es im Vorverkauf und an der Abendkasse.",
                        "Einlass ist eine halbe Stunde vor Konzertbeginn.", "Für Getränke ist gesorgt."),
                List.of("konzert", "livemusik"), List.of("musik", "kultur"), r.nextBoolean() ? VenueKind.INN
                        : VenueKind.HALL, pickTime(r, 19 * 60 + 30, 20 * 60, 20 * 60 + 30, 21 * 60), 120, 1, false,
                Recurrence.NONE, false, false, false, "Karten: " + (12 + r.nextInt(14)) + " Euro.", false, null);
    }

    private static final String[] FILMS = {"Zwischen den Zeilen", "Der Salzpfad", "Rheinwärts", "Das Schweigen der "
        + "Glocken", "Superhelden auf Klassenfahrt", "Die Uhrmacherin", "Nebel über dem Kandel", "Sommer am See",
        "Der letzte Flößer", "Kirschblüten im Markgräflerland", "Das Vermächtnis", "Heimat auf Zeit",
        "Die Kinder vom Schauinsland", "Wolkenkratzer", "Ein Dorf steht Kopf", "Mein Freund, der Dachs",
        "Zeit der Kirschen", "Der Glockengießer", "Die Schwarzwaldklinik – Der Film", "Nordlicht", "Grenzgänger",
        "Das Floß", "Tage am Rhein", "Die Hebamme vom Elztal"};

    private static Idea kino(SplittableRandom r, Town town) {
        String film = pick(r, FILMS);
        boolean kids = film.contains("Kinder") || film.contains("Superhelden") || film.contains("Dachs");
        String series = null;
        if (town.name().startsWith("Freiburg")) {
            series = "Kommunales Kino";
        } else if (town.name().equals("Waldkirch")) {
            series = "Kino im Waldkircher Ladhof";
        } else if (town.name().equals("Emmendingen")) {
            series = "Emmendinger Sommerkino";
        }
        List<String> calendar = new ArrayList<>(List.of("Kino: " + film, film, "Film: " + film, film + " (OmU)"));
        if (kids) {
            calendar.add(0, "Kinderkino: " + film);
        }
        return new Idea(Kind.KINO, calendar,
                List.of("Filmtipp: „" + film + "“", "Kino in {T}: „" + film + "“", "KINO: " + upper(film),
                        "Im Kino: " + film),
                "„" + film + "“ läuft im Kino.",
                List.of("Der Film läuft in der Reihe „" + pick(r, "Kino im Original", "Filmreihe Heimat",
                                "Kinoabend am Donnerstag") + "“.",
                        "Karten gibt es an der Kinokasse und online.", "Im Anschluss Filmgespräch mit dem Regisseur.",
                        "Freigegeben ab " + pick(r, "0", "6", "12") + " Jahren."),
                kids ? List.of("kino", "film", "kinder") : List.of("kino", "film"), List.of("kultur"),
                VenueKind.CINEMA, pickTime(r, 17 * 60 + 30, 18 * 60, 20 * 60, 20 * 60 + 15), 110, 1, false,
                Recurrence.DAILY, kids, kids, false, "Karten: " + (7 + r.nextInt(5)) + " Euro.", false, series);
    }

    private static final String[] TOPICS = {"Streuobstwiesen im Breisgau", "Wildbienen im Garten",
        "Geschichte des Klosters St. Peter", "Naturnah gärtnern", "Die Elz – ein Fluss im Wandel",
        "Bergbau im Schwarzwald", "Klimawandel am Kaiserstuhl", "Vorsorgevollmacht und Patientenverfügung",
        "Landschaftsmalerei im Fokus", "Die Römer am Oberrhein", "Heilkräuter aus dem Schwarzwald",
        "Energiesparen im Altbau", "Der Rhein als Lebensader", "Die Geschichte der Schwarzwalduhr",
        "Vögel am Futterhaus", "Sicher im Netz – Tipps für Senioren", "Wolf und Luchs im Schwarzwald"};
    private static final String[] PEOPLE = {"Dr. Hubert Meyer", "Anna Wernet", "Lukas Glatt", "Martina Fehrenbach",
        "Prof. Klaus Dreher", "Susanne Kaltenbach", "Thomas Eckert", "Dr. Eva Schillinger", "Bernd Hättich",
        "Maria Bühler", "Jürgen Faller", "Dr. Petra Gutmann"};

    private static Idea vortrag(SplittableRandom r) {
        String topic = pick(r, TOPICS);
        String speaker = pick(r, PEOPLE);
        return new Idea(Kind.VORTRAG,
                List.of("Vortrag: " + topic, topic + " – Vortrag von " + speaker, topic + " (Vortrag)",
                        "Bildervortrag: " + topic, "„" + topic + "“ – Vortrag"),
                List.of(speaker + " spricht über „" + topic + "“", "Wissenswertes zum Thema " + topic,
                        "Vortrag in {T}: " + topic),
                speaker + " gibt in dem Vortrag einen Überblick über das Thema.",
                List.of("Im Anschluss besteht Gelegenheit zu Fragen und Diskussion.", "Um Anmeldung wird gebeten.",
                        "Der Vortrag richtet sich an alle Interessierten.", "Veranstalter ist die Volkshochschule."),
                List.of("vortrag", "bildung"), List.of("natur", "kultur"), pick(r, VenueKind.HALL, VenueKind.LIBRARY,
                        VenueKind.INN, VenueKind.SCHOOL), pickTime(r, 18 * 60 + 30, 19 * 60, 19 * 60 + 30, 20 * 60),
                90, 1, false, Recurrence.NONE, false, false, r.nextBoolean(), "Gebühr: " + (5 + r.nextInt(6))
                        + " Euro.", false, null);
    }

    private static final String[] PLAYS = {"Hochzeit mit Hindernissen", "Der Bürgermeister ist weg",
        "Der Brandner Kaspar", "Außer Kontrolle", "Pension Schöller", "Der Bockerer", "Die Schwarzwaldhochzeit",
        "Ein Bett voller Gäste", "Der Meisterschuss", "Charleys Tante"};
    private static final String[] ARTISTS = {"Ines Wernet", "Frieder Hug", "Hansi Kaltenbach", "Die Feldbergschwätzer",
        "Gerda Gutmann", "Alemannische Bühne"};
    private static final String[] PROGRAMMES = {"Heimat ist, wo der WLAN-Empfang aufhört", "Jetzt erst recht!",
        "Alles bleibt anders", "Schwätz net!", "Badisch für Anfänger"};

    private static Idea theater(SplittableRandom r, Town town) {
        if (r.nextInt(3) == 0) {
            String artist = pick(r, ARTISTS);
            String programme = pick(r, PROGRAMMES);
            return new Idea(Kind.THEATER,
                    List.of("Kabarett mit " + artist, "Kabarett: " + artist, artist + " – " + programme,
                            "„" + programme + "“"),
                    List.of(artist + " gastiert in {T}", "Kabarett: „" + programme + "“",
                            "Schwäbisch-badische Absurditäten mit " + artist),
                    "Im Programm „" + programme + "“ geht es um die großen und kleinen Absurditäten des Alltags.",
                    List.of("Dabei wird kein Klischee über Badener und Schwaben ausgelassen.",
                            "Karten gibt es im Vorverkauf und an der Abendkasse.", "Freie Platzwahl."),
                    List.of("theater", "kabarett"), List.of("kultur"), pick(r, VenueKind.HALL, VenueKind.INN),
                    pickTime(r, 19 * 60 + 30, 20 * 60), 120, 1, false, Recurrence.NONE, false, false, false,
                    "Karten: " + (18 + r.nextInt(10)) + " Euro.", false, null);
        }
        String play = pick(r, PLAYS);
        String troupe = pick(r, "Theaterverein {T}", "Volksbühne {T}", "Laienspielgruppe {T}", "Theatergruppe {T}");
        return new Idea(Kind.THEATER,
                List.of(play + " – Komödie in drei Akten", "Theaterabend: " + play, troupe + ": " + play, play,
                        "{T}: " + play),
                List.of(troupe + " bringt „" + play + "“ auf die Bühne", "Turbulente Komödie: „" + play + "“",
                        "{T}: Theaterverein spielt „" + play + "“"),
                troupe + " spielt die Komödie „" + play + "“.",
                List.of("In drei Akten geht es turbulent zu.", "Karten gibt es im Vorverkauf und an der Abendkasse.",
                        "Für Bewirtung in der Pause ist gesorgt."),
                List.of("theater", "komoedie"), List.of("kultur"), VenueKind.HALL,
                pickTime(r, 19 * 60, 19 * 60 + 30, 20 * 60), 150, 1, r.nextInt(3) == 0, Recurrence.NONE, true,
                false, false, "Eintritt: " + (8 + r.nextInt(6)) + " Euro.", false, null);
    }

    private static Idea fasnacht(SplittableRandom r, Town town) {
        String zunft = pick(r, "Narrenzunft {T}", "{Ta} Narrenzunft", "Narrenzunft Bergteufel", "Narrengilde {T}");
        int which = r.nextInt(11);
        String series = town.name().equals("Kenzingen") ? "Nordwiler Narrenfahrplan"
                : town.name().equals("Waldkirch") ? "Fasnet im Ladhof" : null;
        List<String> details = List.of("Die Narren freuen sich auf viele Zuschauer.",
                "Für Essen und Getränke ist gesorgt.", "Die Straßen sind ab Mittag gesperrt.",
                "Zahlreiche Zünfte aus der Region haben sich angemeldet.", "Anschließend Narrentreiben in der Halle.");
        return switch (which) {
            case 0, 1 -> new Idea(Kind.FASNACHT,
                    List.of("{Fs}umzug", "Großer {Fs}umzug", "{Fs}umzug {T}", "{Fs}umzug in {T}",
                            "Traditioneller {Fs}umzug"),
                    List.of("Narren ziehen durch {T}", "Tausende Hästräger beim {Fs}umzug erwartet",
                            "{T} im Ausnahmezustand: {Fs}umzug"),
                    "Mehr als 40 Zünfte und Guggemusiken ziehen durch die Innenstadt.", details,
                    List.of("fasnacht", "umzug"), List.of("fastnacht", "brauchtum"), VenueKind.SQUARE,
                    pickTime(r, 13 * 60 + 30, 14 * 60, 14 * 60 + 11), 180, 1, false, Recurrence.NONE, true, false,
                    true, "Eintritt frei, Plakette erwünscht.", false, series);
            case 2 -> new Idea(Kind.FASNACHT,
                    List.of("{H}umzug", "{H}-Umzug {T}", "Traditioneller {H}umzug", "{H}umzug durch die Altstadt"),
                    List.of("Im Nachthemd durch die Gassen: {H}umzug in {T}", "{H} ziehen durch {T}"),
                    "Am Schmutzigen Donnerstag ziehen die {H} im Nachthemd durch die Gassen.", details,
                    List.of("fasnacht", "umzug"), List.of("fastnacht", "brauchtum"), VenueKind.SQUARE,
                    pickTime(r, 19 * 60, 19 * 60 + 30, 20 * 60), 120, 1, false, Recurrence.NONE, true, false, true,
                    "Eintritt frei.", false, series);
            case 3 -> new Idea(Kind.FASNACHT,
                    List.of("Zunftabend der " + zunft, "Großer Zunftabend", zunft + ": Zunftabend",
                            "Zunftabend " + zunft),
                    List.of("Zunftabend: Die " + zunft + " zeigt ihr Häs", "Närrischer Abend mit der " + zunft),
                    "Die " + zunft + " lädt zum Zunftabend mit Sketchen, Tänzen und Guggemusik ein.", details,
                    List.of("fasnacht", "brauchtum"), List.of("fastnacht", "fasching"), VenueKind.HALL,
                    pickTime(r, 19 * 60, 19 * 60 + 30), 240, 1, r.nextInt(3) == 0, Recurrence.NONE, false, false,
                    false, "Eintritt: " + (8 + r.nextInt(6)) + " Euro.", false, series);
            case 4 -> new Idea(Kind.FASNACHT,
                    List.of("Kinder{fs}ball", "Kinder-{F}sball", "Kinder{fs}ball in der Halle", "Kinderball"),
                    List.of("Kinder{fs}ball: Die kleinen Narren feiern", "Morgen: Kinder{fs}ball"),
                    "Auf die kleinen Narren warten Spiele, Tänze und eine Kostümprämierung.", details,
                    List.of("fasnacht", "kinder"), List.of("fastnacht", "familie"), VenueKind.HALL,
                    pickTime(r, 14 * 60, 14 * 60 + 30, 15 * 60), 180, 1, false, Recurrence.NONE, true, true, true,
                    "Der Eintritt ist für Kinder frei.", false, series);
            case 5 -> new Idea(Kind.FASNACHT,
                    List.of("Guggenacht", "Gugge-Nacht {T}", "Guggemusiktreffen in {T}",
                            "Monsterkonzert der Guggemusiken"),
                    List.of("Schräge Töne: Guggen geben sich die Ehre", "Guggemusiken aus der Region in {T}"),
                    "Guggemusiken aus der Region und der Schweiz haben zugesagt.", details,
                    List.of("fasnacht", "konzert"), List.of("fastnacht", "musik"), VenueKind.HALL,
                    pickTime(r, 19 * 60, 19 * 60 + 30, 20 * 60), 300, r.nextInt(3) == 0 ? 2 : 1, false,
                    Recurrence.NONE, false, false, false, "Eintritt: " + (5 + r.nextInt(5)) + " Euro.", false, series);
            case 6 -> new Idea(Kind.FASNACHT,
                    List.of("Narrenbaumstellen", "Narrebaumstellen", "Narrenbaum stellen in {T}",
                            "Stellen des Narrenbaums"),
                    List.of("Der Narrenbaum steht wieder", "Narrenbaumstellen auf dem Marktplatz"),
                    "Mit Muskelkraft wird der Narrenbaum aufgerichtet.", details,
                    List.of("fasnacht", "brauchtum"), List.of("fastnacht"), VenueKind.SQUARE,
                    pickTime(r, 17 * 60, 18 * 60, 11 * 60), 120, 1, false, Recurrence.NONE, true, false, true,
                    "Eintritt frei.", false, series);
            case 7 -> new Idea(Kind.FASNACHT,
                    List.of("Preismaskenball", "Preismaskenball mit {H} und Musikverein", "Großer Preismaskenball",
                            "Maskenball"),
                    List.of("Die schönsten Masken werden prämiert", "Preismaskenball in {T}"),
                    "Die schönsten Masken und Gruppen werden prämiert.", details,
                    List.of("fasnacht", "party"), List.of("fastnacht"), VenueKind.HALL,
                    pickTime(r, 20 * 60, 20 * 60 + 11), 300, 1, false, Recurrence.NONE, false, false, false,
                    "Eintritt: " + (6 + r.nextInt(6)) + " Euro.", false, series);
            case 8 -> new Idea(Kind.FASNACHT,
                    List.of("{F}-Eröffnung", "{F}eröffnung am Rathaus", "Rathaussturm", "Rathaussturm und {F}-Eröffnung"),
                    List.of("Narren übernehmen das Rathaus", "Die {F} ist eröffnet"),
                    "Die Narren stürmen das Rathaus und setzen den Bürgermeister ab.", details,
                    List.of("fasnacht", "brauchtum"), List.of("fastnacht"), VenueKind.TOWNHALL,
                    pickTime(r, 11 * 60 + 11, 15 * 60, 18 * 60), 120, 1, false, Recurrence.NONE, true, false, true,
                    "Eintritt frei.", false, series);
            case 9 -> new Idea(Kind.FASNACHT,
                    List.of("Schnurren", "Schnurren in den Wirtschaften", "Schnurrabend"),
                    List.of("Verkleidete Schnurrer ziehen durch die Wirtschaften"),
                    "Beim Schnurren ziehen maskierte Gruppen durch die Gaststätten und nehmen das Ortsgeschehen"
                            + " aufs Korn.",
                    List.of("Die Gäste müssen raten, wer sich hinter der Larve verbirgt."),
                    List.of("fasnacht", "brauchtum"), List.of("fastnacht"), VenueKind.INN,
                    pickTime(r, 19 * 60, 19 * 60 + 15, 20 * 60), 240, 1, false, Recurrence.NONE, false, false, true,
                    "Eintritt frei.", false, series);
            default -> new Idea(Kind.FASNACHT,
                    List.of("Masken basteln für die {F}", "Masken basteln", "Bastelnachmittag: Masken für die {F}"),
                    List.of("Masken basteln für die {F}", "Kinder basteln Masken für die {F}"),
                    "Kinder ab fünf Jahren basteln Masken für die {F}.",
                    List.of("Material wird gestellt.", "Um Anmeldung wird gebeten.",
                            "Die Eltern können in der Zwischenzeit einen Kaffee trinken."),
                    List.of("kinder", "basteln"), List.of("fasnacht", "familie"), VenueKind.LIBRARY,
                    pickTime(r, 14 * 60 + 30, 15 * 60), 120, 1, false, Recurrence.NONE, true, true, false,
                    "Materialkosten: 3 Euro.", false, null);
        };
    }

    private static final String[] CLUBS = {"Turnverein {T}", "Schwarzwaldverein {T}", "Obst- und Gartenbauverein {T}",
        "Freiwillige Feuerwehr {T}", "Sportverein {T}", "Heimatverein {T}", "Landfrauen {T}", "Skiclub {T}"};
    private static final String[] AGENDA = {"den Haushalt", "das Feuerwehrhaus", "den Bebauungsplan „Mühlematten“",
        "die Sanierung der Grundschule", "den Radweg an der Elz", "die Kinderbetreuung", "das Neubaugebiet"};

    private static Idea versammlung(SplittableRandom r, Town town, LocalDate day) {
        int which = r.nextInt(5);
        if (which <= 1) {
            String agenda = pick(r, AGENDA);
            return new Idea(Kind.VERSAMMLUNG,
                    List.of("Gemeinderatssitzung", "Öffentliche Sitzung des Gemeinderats",
                            "Gemeinderat {T}: öffentliche Sitzung", "Sitzung des Gemeinderats {T}",
                            "Öffentliche Gemeinderatssitzung"),
                    List.of("Gemeinderat berät über " + agenda, agenda.substring(0, 1).toUpperCase() + agenda.substring(1)
                            + " Thema im Gemeinderat", "Gemeinderat {T} tagt"),
                    "Auf der Tagesordnung stehen unter anderem " + agenda + " und Bausachen.",
                    List.of("Die Sitzungsunterlagen sind im Ratsinformationssystem einsehbar.", "Die Sitzung ist öffentlich.",
                            "Im Anschluss folgt ein nichtöffentlicher Teil."),
                    List.of("versammlung", "politik"), List.of("politik"), VenueKind.TOWNHALL,
                    pickTime(r, 18 * 60, 18 * 60 + 30, 19 * 60), 180, 1, false, Recurrence.MONTHLY, false, false, true,
                    "Eintritt frei.", true, null);
        }
        if (which <= 3) {
            String club = pick(r, CLUBS);
            return new Idea(Kind.VERSAMMLUNG,
                    List.of("Jahreshauptversammlung " + club, club + " – Jahreshauptversammlung",
                            club + ": Hauptversammlung", "Jahreshauptversammlung"),
                    List.of(club + " zieht Bilanz", "Neuwahlen beim " + club),
                    "Der " + club + " lädt seine Mitglieder zur Jahreshauptversammlung ein.",
                    List.of("Auf der Tagesordnung stehen Berichte, Ehrungen und Wahlen.", "Gäste sind willkommen."),
                    List.of("versammlung", "verein"), List.of("verein"), pick(r, VenueKind.INN, VenueKind.HALL),
                    pickTime(r, 19 * 60, 19 * 60 + 30, 20 * 60), 150, 1, false, Recurrence.NONE, false, false, true,
                    "Eintritt frei.", true, null);
        }
        String topic = pick(r, "Mobilität im ländlichen Raum", "Windkraft am Rosskopf", "Wohnen im Alter",
                "Zukunft der Ortsmitte");
        String prefix = r.nextBoolean() ? "SPD-Veranstaltung: " : "Wahlkampfstand Bündnis 90/Die Grünen - ";
        return new Idea(Kind.VERSAMMLUNG,
                List.of(prefix + topic, topic, "Bürgerversammlung: " + topic, "Infoabend: " + topic),
                List.of("Diskussion über " + topic, "Bürger diskutieren: " + topic),
                "Bürgerinnen und Bürger sind eingeladen, über " + topic + " zu diskutieren.",
                List.of("Eine Anmeldung ist nicht erforderlich.", "Im Anschluss Gespräche bei Getränken."),
                List.of("versammlung", "politik"), List.of("politik"), pick(r, VenueKind.HALL, VenueKind.INN),
                pickTime(r, 19 * 60, 19 * 60 + 30), 120, 1, false, Recurrence.NONE, false, false, true,
                "Eintritt frei.", false, null);
    }

    private static Idea flohmarkt(SplittableRandom r) {
        int which = r.nextInt(4);
        List<String> titles = switch (which) {
            case 0 -> List.of("Flohmarkt", "{Ta} Flohmarkt", "Flohmarkt {T}", "Großer Flohmarkt in der Halle",
                    "Flohmarkt auf dem Marktplatz");
            case 1 -> List.of("Kinderkleiderbasar", "Kinderkleider-Basar", "Basar rund ums Kind",
                    "Frühjahrsbasar rund ums Kind");
            case 2 -> List.of("Bücherflohmarkt", "Bücher-Flohmarkt in der Bibliothek", "Bücherbasar");
            default -> List.of("Flohmarkt von Frauen für Frauen", "Frauenflohmarkt", "{T}: Flohmarkt von Frauen "
                    + "für Frauen");
        };
        return new Idea(Kind.FLOHMARKT, titles,
                List.of("Von Trödel bis Rarität: Flohmarkt in {T}", "Stöbern und Feilschen beim Flohmarkt in {T}",
                        "Schnäppchenjagd in {T}"),
                "Rund " + (20 + r.nextInt(60)) + " Anbieter haben sich angemeldet.",
                List.of("Standanmeldung beim Veranstalter.", "Für Kaffee und Kuchen ist gesorgt.",
                        "Ein Teil des Erlöses geht an den Kindergarten."),
                which == 1 ? List.of("flohmarkt", "kinder") : List.of("flohmarkt"), List.of("markt"),
                which == 2 ? VenueKind.LIBRARY : r.nextBoolean() ? VenueKind.HALL : VenueKind.SQUARE,
                pickTime(r, 8 * 60, 9 * 60, 10 * 60, 7 * 60), 300, 1, false, Recurrence.NONE, true, false, true,
                "Der Eintritt ist frei.", which == 0, null);
    }

    private static Idea markt(SplittableRandom r, LocalDate day) {
        int which = r.nextInt(5);
        if (which <= 2) {
            return new Idea(Kind.MARKT,
                    List.of("Wochenmarkt", "{Ta} Wochenmarkt", "Wochenmarkt {T}", "Wochenmarkt auf dem Marktplatz"),
                    List.of("Regionale Erzeuger auf dem {Ta} Wochenmarkt", "Frisches vom Wochenmarkt"),
                    "Regionale Erzeuger bieten Obst, Gemüse, Käse, Eier und Backwaren an.",
                    List.of("Der Markt findet bei jedem Wetter statt.", "Parkmöglichkeiten gibt es in der Tiefgarage."),
                    List.of("markt"), List.of("einkaufen"), VenueKind.SQUARE, pickTime(r, 7 * 60, 8 * 60), 300, 1,
                    false, Recurrence.WEEKLY, true, false, true, "Der Eintritt ist frei.", true, null);
        }
        boolean december = day.getMonthValue() == 12;
        String name = december ? "Weihnachtsmarkt" : pick(r, "Bauernmarkt", "Kunsthandwerkermarkt", "Frühjahrsmarkt",
                "Herbstmarkt", "Töpfermarkt");
        return new Idea(Kind.MARKT,
                List.of(name, "{Ta} " + name, name + " {T}", "Traditioneller " + name, name + " auf dem Rathausplatz"),
                List.of(name + " lockt in die Innenstadt", "Buntes Markttreiben in {T}"),
                "Rund " + (20 + r.nextInt(50)) + " Händler bieten ihre Waren an.",
                List.of("Die Geschäfte in der Innenstadt haben zusätzlich geöffnet.", "Für Kinder gibt es ein Karussell."),
                List.of("markt"), List.of("fest"), VenueKind.SQUARE, pickTime(r, 10 * 60, 11 * 60), 420,
                december ? 3 : r.nextInt(3) == 0 ? 2 : 1, false, Recurrence.NONE, true, false, true,
                "Der Eintritt ist frei.", false, null);
    }

    private static Idea gottesdienst(SplittableRandom r) {
        String name = pick(r, "Ökumenischer Gottesdienst", "Taizé-Gebet", "Abendgebet", "Familiengottesdienst",
                "Gottesdienst mit Posaunenchor", "Kantatengottesdienst", "Berggottesdienst");
        return new Idea(Kind.GOTTESDIENST,
                List.of(name, name + " {T}", name + " – {T}", name + " in der Kirche"),
                List.of(name + " in {T}", "Gemeinsam feiern: " + name),
                "Alle sind herzlich eingeladen.",
                List.of("Die Kirche ist mit Kerzen erleuchtet.", "Im Anschluss Kirchenkaffee im Gemeindehaus.",
                        "Musikalisch gestaltet vom Kirchenchor."),
                List.of("gottesdienst", "kirche"), List.of("kirche"), VenueKind.CHURCH,
                pickTime(r, 10 * 60, 10 * 60 + 30, 18 * 60, 19 * 60), 75, 1, false,
                r.nextInt(3) == 0 ? Recurrence.WEEKLY : Recurrence.NONE, true, false, true, "Eintritt frei.", true, null);
    }

    private static Idea sport(SplittableRandom r, LocalDate day) {
        int which = r.nextInt(5);
        int year = day.getYear();
        List<String> titles = switch (which) {
            case 0 -> List.of("Tischtennis-Turnier", "Tischtennisturnier", "Offenes Tischtennis-Turnier {T}");
            case 1 -> List.of("{Ta} Stadtlauf " + year, year - 2000 + ". {Ta} Stadtlauf", "Stadtlauf {T}",
                    "{Ta} Stadtlauf");
            case 2 -> List.of("Hallenfußballturnier um den {Ta} Stadtpokal", "Hallenfußball-Turnier {T}",
                    "Stadtpokal Hallenfußball");
            case 3 -> List.of("Crosslauf", "{Ta} Crosslauf " + year, "Crosslauf {T}");
            default -> List.of("Volleyball-Mixedturnier", "Volleyball Mixed-Turnier", "Mixed-Volleyballturnier {T}");
        };
        return new Idea(Kind.SPORT, titles,
                List.of("Kampf um den {Ta} Stadtpokal", "Laufbegeisterte gehen in {T} an den Start",
                        "Spannende Spiele in der Sporthalle"),
                "Gespielt und gelaufen wird in mehreren Klassen.",
                List.of("Die Siegerehrung findet am Sportplatz statt.", "Für Verpflegung ist gesorgt.",
                        "Nachmeldungen sind vor Ort möglich."),
                List.of("sport"), List.of("freizeit"), VenueKind.SPORTS, pickTime(r, 9 * 60, 10 * 60, 13 * 60), 420, 1,
                false, Recurrence.NONE, true, false, r.nextBoolean(), "Startgeld: " + (5 + r.nextInt(10)) + " Euro.",
                which == 0 || which == 4, null);
    }

    private static final String[] DESTINATIONS = {"zur Kastelburg", "zum Kandel", "zum Belchen", "zur Hochburg",
        "auf den Rosskopf", "zum Schauinsland", "zum Castellberg", "durch das Glottertal", "zum Hünersedel",
        "auf den Brandenkopf", "zur Burgruine Hohengeroldseck", "zum Moosturm"};

    private static Idea wanderung(SplittableRandom r) {
        int which = r.nextInt(5);
        if (which == 0) {
            String name = pick(r, "Kräuterwanderung", "Nachtwanderung bei Vollmond", "Vogelstimmenwanderung");
            return new Idea(Kind.WANDERUNG, List.of(name, name + " {T}", "Geführte " + name),
                    List.of("Unterwegs mit " + pick(r, PEOPLE), name + " in {T}"),
                    "Die Wanderung führt über rund " + (5 + r.nextInt(8)) + " Kilometer.",
                    List.of("Gutes Schuhwerk und wetterfeste Kleidung sind erforderlich.", "Um Anmeldung wird gebeten."),
                    List.of("wanderung", "natur"), List.of("freizeit"), VenueKind.OUTDOOR,
                    pickTime(r, 9 * 60, 14 * 60, 20 * 60), 180, 1, false, Recurrence.NONE, true, false, true,
                    "Der Eintritt ist frei.", false, null);
        }
        String destination = pick(r, DESTINATIONS);
        return new Idea(Kind.WANDERUNG,
                List.of("Wanderung " + destination, "Schwarzwaldverein: Wanderung " + destination,
                        "Geführte Wanderung " + destination, "Seniorenwanderung " + destination),
                List.of("Unterwegs " + destination, "Wandertag " + destination),
                "Die Wanderung führt über rund " + (8 + r.nextInt(12)) + " Kilometer und " + (200 + r.nextInt(500))
                        + " Höhenmeter.",
                List.of("Rucksackvesper mitbringen.", "Einkehr ist am Ende der Tour vorgesehen.",
                        "Wanderführer: " + pick(r, PEOPLE) + "."),
                List.of("wanderung", "natur"), List.of("freizeit"), VenueKind.OUTDOOR,
                pickTime(r, 8 * 60 + 30, 9 * 60, 9 * 60 + 30, 13 * 60), 300, 1, false, Recurrence.NONE, true, false,
                true, "Der Eintritt ist frei.", false, null);
    }

    private static Idea fuehrung(SplittableRandom r) {
        String theme = pick(r, "Kriminalfälle aus fünf Jahrhunderten", "Brunnen, Gassen und Geschichten",
                "Mit dem Nachtwächter durch die Altstadt", "Auf den Spuren der Flößer", "Weinbergsführung mit Weinprobe",
                "Historischer Stadtrundgang");
        return new Idea(Kind.FUEHRUNG,
                List.of("Stadtführung: " + theme, "Führung: " + theme, theme + " – Stadtführung",
                        "Themen-Führung „" + theme + "“", theme),
                List.of("Stadtführung: " + theme, "Mit dem Stadtführer unterwegs: " + theme),
                "Treffpunkt ist am Rathaus.",
                List.of("Die Führung dauert etwa zwei Stunden.", "Anmeldung bei der Tourist-Information.",
                        "Festes Schuhwerk wird empfohlen."),
                List.of("fuehrung", "kultur"), List.of("tourismus"), VenueKind.TOWNHALL,
                pickTime(r, 11 * 60, 14 * 60, 15 * 60, 20 * 60), 120, 1, false,
                r.nextInt(3) == 0 ? Recurrence.WEEKLY : Recurrence.NONE, true, false, false,
                "Kosten: " + (5 + r.nextInt(6)) + " Euro.", false, null);
    }

    private static Idea kinder(SplittableRandom r, LocalDate day) {
        int which = r.nextInt(5);
        return switch (which) {
            case 0 -> new Idea(Kind.KINDER, List.of("Kinderdisco", "Kinder-Disco {T}", "Kinderdisco {T}",
                            "Disco für Kinder"),
                    List.of("Kinderdisco", "Tanzen, toben, feiern: Kinderdisco in {T}"),
                    "DJ Timo legt für Kinder von sechs bis zwölf Jahren auf.",
                    List.of("Für Getränke und Snacks ist gesorgt.", "Eltern sind herzlich willkommen."),
                    List.of("kinder", "party"), List.of("familie"), VenueKind.HALL, pickTime(r, 15 * 60, 16 * 60), 150,
                    1, false, Recurrence.NONE, true, true, false, "Eintritt: 3 Euro.", false, null);
            case 1 -> new Idea(Kind.KINDER, List.of("Kindertheater: Frau Holle", "Puppentheater: Frau Holle",
                            "Frau Holle – Puppentheater", "Frau Holle"),
                    List.of("Puppentheater: Frau Holle", "Frau Holle kommt nach {T}"),
                    "Das Figurentheater Wurzelwerk spielt das Märchen Frau Holle.",
                    List.of("Für Kinder ab vier Jahren.", "Die Vorstellung dauert etwa 45 Minuten.",
                            "Karten an der Tageskasse."),
                    List.of("kinder", "theater"), List.of("familie"), VenueKind.HALL, pickTime(r, 15 * 60, 16 * 60), 45,
                    1, false, Recurrence.NONE, true, true, false, "Eintritt: 5 Euro.", false, null);
            case 2 -> new Idea(Kind.KINDER, List.of("Vorlesestunde", "Vorlesestunde in der Bibliothek",
                            "Bilderbuchkino", "Vorlesen für Kinder"),
                    List.of("Geschichten für kleine Zuhörer", "Vorlesestunde in der Bibliothek"),
                    "Vorgelesen wird für Kinder von vier bis acht Jahren.",
                    List.of("Eine Anmeldung ist nicht erforderlich."), List.of("kinder", "lesung"), List.of("familie"),
                    VenueKind.LIBRARY, pickTime(r, 15 * 60, 15 * 60 + 30, 16 * 60), 60, 1, false, Recurrence.WEEKLY,
                    true, true, true, "Der Eintritt ist frei.", true, null);
            case 3 -> new Idea(Kind.KINDER, List.of("Kolping Kids - Spielenachmittag", "Spielenachmittag für Kinder",
                            "Spielenachmittag", "Kinderprogramm: Spielenachmittag"),
                    List.of("Spiel und Spaß am Nachmittag"), "Gespielt werden Brett- und Bewegungsspiele.",
                    List.of("Für Kinder von sechs bis zehn Jahren."), List.of("kinder", "spiel"), List.of("familie"),
                    VenueKind.HALL, pickTime(r, 14 * 60, 15 * 60), 120, 1, false, Recurrence.NONE, true, true, true,
                    "Der Eintritt ist frei.", true, null);
            default -> new Idea(Kind.KINDER, List.of("Kinderprogramm: Zauberer Zampano", "Zauberer Zampano",
                            "Zaubershow mit Zampano", "Zauberer Zampano – Zaubershow für Kinder"),
                    List.of("Zauberer Zampano verzaubert {T}", "Magie für kleine Zuschauer"),
                    "Zauberer Zampano zeigt verblüffende Tricks zum Mitmachen.",
                    List.of("Für Kinder ab vier Jahren.", "Karten an der Tageskasse."), List.of("kinder", "zauberei"),
                    List.of("familie"), VenueKind.HALL, pickTime(r, 15 * 60, 16 * 60), 60, 1, false, Recurrence.NONE,
                    true, true, false, "Eintritt: 4 Euro.", false, null);
        };
    }

    private static final String[] BOOKS = {"Hebels Gärten", "Nebel über dem Kandel", "Tod am Kaiserstuhl",
        "Die Flößerin", "Schwarzwaldblut", "Das Haus am Rhein", "Mord im Markgräflerland", "Elzwasser"};

    private static Idea lesung(SplittableRandom r) {
        String author = pick(r, PEOPLE);
        String book = pick(r, BOOKS);
        return new Idea(Kind.LESUNG,
                List.of("Lesung: " + book, "„" + book + "“ – Lesung mit " + author, author + " liest aus „" + book
                        + "“", "Autorenlesung: " + author, "Lesung mit " + author),
                List.of(author + ": " + book, author + " liest in {T}", "Krimi aus der Region: „" + book + "“"),
                author + " liest aus „" + book + "“.",
                List.of("Die Geschichte spielt in der Region zwischen Rhein und Schwarzwald.",
                        "Karten sind in der Buchhandlung erhältlich.", "Im Anschluss signiert die Autorin."),
                List.of("lesung", "literatur"), List.of("kultur"), pick(r, VenueKind.LIBRARY, VenueKind.INN),
                pickTime(r, 18 * 60, 19 * 60 + 30, 20 * 60), 90, 1, false, Recurrence.NONE, false, false, false,
                "Eintritt: " + (6 + r.nextInt(6)) + " Euro.", false, null);
    }

    private static Idea ausstellung(SplittableRandom r) {
        String title = pick(r, "Farben des Kaiserstuhls", "Landschaftsmalerei im Fokus", "100 Jahre Elztalbahn",
                "Holzschnitte aus dem Schwarzwald", "Fasnet im Wandel der Zeit", "Glas und Licht",
                "Fotografien vom Rhein");
        return new Idea(Kind.AUSSTELLUNG,
                List.of("Ausstellung: " + title, title + " – Ausstellung", "„" + title + "“", "Ausstellung „" + title
                        + "“ im Museum"),
                List.of("Neue Ausstellung: " + title, "Ausstellung in {T}: „" + title + "“"),
                "Die Ausstellung zeigt Arbeiten von Künstlerinnen und Künstlern aus der Region.",
                List.of("Geöffnet dienstags bis sonntags.", "Führungen nach Vereinbarung."),
                List.of("ausstellung", "kunst"), List.of("kultur"), pick(r, VenueKind.MUSEUM, VenueKind.TOWNHALL,
                        VenueKind.LIBRARY), pickTime(r, 10 * 60, 11 * 60, 14 * 60), 420, 14 + r.nextInt(30), false,
                Recurrence.NONE, true, false, r.nextBoolean(), "Eintritt: 4 Euro.", false, null);
    }

    private static Idea hock(SplittableRandom r) {
        String name = pick(r, "Winzerhock auf dem Dorfplatz", "Osterhock", "Dorfhock", "Straßenfest", "Brunnenfest",
                "Sommerhock");
        return new Idea(Kind.HOCK,
                List.of(name, "Freiwillige Feuerwehr {T}: " + name, name + " {T}", "{Ta} " + name),
                List.of("Wein, Wurst und Blasmusik beim " + name, name + ": {T} feiert"),
                "Für Speisen und Getränke ist gesorgt.",
                List.of("Musikalische Unterhaltung durch den Musikverein.", "Bei jedem Wetter."),
                List.of("hock", "fest"), List.of("fest"), VenueKind.SQUARE, pickTime(r, 11 * 60, 16 * 60, 17 * 60), 480,
                r.nextBoolean() ? 2 : 1, false, Recurrence.NONE, true, false, true, "Der Eintritt ist frei.", false,
                null);
    }

    private static Idea weinfest(SplittableRandom r) {
        int which = r.nextInt(3);
        if (which == 0) {
            String wine = pick(r, "Spätburgunder im Vergleich", "Grauburgunder und Gutedel", "Weinprobe mit Vesper");
            return new Idea(Kind.WEINFEST,
                    List.of("Weinprobe: " + wine, wine, "Winzerkeller: " + wine, wine + " – Weinprobe"),
                    List.of("Genuss im Winzerkeller: " + wine, "Weinprobe in {T}"),
                    "Der Kellermeister stellt die Weine des Jahrgangs vor.",
                    List.of("Um Anmeldung wird gebeten.", "Dazu gibt es ein Vesper."),
                    List.of("weinfest", "weinprobe"), List.of("fest"), VenueKind.WINERY, pickTime(r, 18 * 60, 19 * 60),
                    150, 1, false, Recurrence.NONE, false, false, false, "Kosten: " + (15 + r.nextInt(15))
                            + " Euro.", false, null);
        }
        return new Idea(Kind.WEINFEST,
                List.of("Weinfest {T}", "{Ta} Weinfest", "Weinfest", "Weintage {T}", "Traditionelles Weinfest"),
                List.of("{T} feiert sein Weinfest", "Weinfest: Drei Tage Genuss in {T}"),
                "Die Winzer schenken ihre Weine aus, dazu gibt es regionale Spezialitäten.",
                List.of("Musik an allen Festtagen.", "Für Kinder gibt es ein Karussell."),
                List.of("weinfest", "fest"), List.of("fest"), VenueKind.SQUARE, pickTime(r, 17 * 60, 18 * 60), 360,
                3, false, Recurrence.NONE, true, false, true, "Der Eintritt ist frei.", false, null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    @SafeVarargs
    static <T> T pick(SplittableRandom r, T... values) {
        return values[r.nextInt(values.length)];
    }

    private static int pickTime(SplittableRandom r, int... minutes) {
        return minutes[r.nextInt(minutes.length)];
    }

    static String upper(String text) {
        return text.toUpperCase(java.util.Locale.ROOT);
    }
}
