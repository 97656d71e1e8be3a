package org.eventdedup.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.eventdedup.generator.EventCatalog.Idea;
import org.eventdedup.generator.Gazetteer.Town;
import org.eventdedup.generator.Gazetteer.Venue;

/**
 * Writes one source's listing of an {@link Occasion}, with the habits of that source: headline or calendar title,
 * the town in the title, a series prefix ({@code "Kommunales Kino – "}), its own Fasnet dialect word, umlauts written
 * out, OCR errors, capitals; shifted, missing or door-opening times; ranges written as a range, as separate days or
 * only the first day; geo exact, approximate, at the town centre, with low confidence, missing or plainly wrong;
 * missing descriptions; other category names. Every choice is counted in {@link GenerationStats}.
 */
final class ListingRenderer {

    private static final String[] WEEKDAYS = {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag",
        "Sonntag"};
    private static final String[] MONTHS = {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
        "September", "Oktober", "November", "Dezember"};
    private static final String[] DASHES = {" - ", " – ", " — ", " -- "};

    private final GenerationStats stats;

    ListingRenderer(GenerationStats stats) {
        this.stats = stats;
    }

    SyntheticListing render(Occasion occasion, Source source, String sourceType, SplittableRandom r) {
        Idea idea = occasion.idea();
        Town town = occasion.town();
        String townName = r.nextInt(10) < 7 ? town.shortName() : town.spellings().get(r.nextInt(
                town.spellings().size()));
        int dialect = r.nextInt(10) < 6 ? occasion.dialect() : r.nextInt(Occasion.FASNET.length);
        int hemd = r.nextInt(10) < 6 ? 0 : r.nextInt(Occasion.HEMDGLUNKER.length);

        String core = fill(idea.calendarTitles().get(0), town, townName, dialect, hemd);
        String title = title(occasion, source, sourceType, townName, dialect, hemd, r);
        boolean translit = source == Source.SWB && r.nextInt(10) < 6;
        boolean ocr = source == Source.AMT && r.nextInt(10) < 4;
        if (translit) {
            title = transliterate(title);
            stats.count("title_variation", "translit");
        }
        if (ocr) {
            title = ocr(title, r);
            stats.count("title_variation", "ocr");
        }

        List<SyntheticListing.DateEntry> dates = new ArrayList<>();
        TimeChoice time = time(occasion, source, r);
        dates(occasion, source, time, r, dates);

        SyntheticListing.Place place = place(occasion, source, townName, r);
        String[] texts = texts(occasion, source, sourceType, core, time, townName, dialect, hemd, r);
        String shortDescription = texts[0];
        String description = texts[1];
        if (translit) {
            shortDescription = shortDescription == null ? null : transliterate(shortDescription);
            description = description == null ? null : transliterate(description);
        }
        if (ocr && description != null) {
            description = ocr(description, r);
        }
        if (description == null) {
            stats.count("description", shortDescription == null ? "missing" : "short_only");
        }

        List<String> categories = new ArrayList<>(idea.categories());
        if (r.nextInt(6) == 0 && !idea.otherCategories().isEmpty()) {
            String other = idea.otherCategories().get(r.nextInt(idea.otherCategories().size()));
            if (categories.size() > 1) {
                categories.set(r.nextInt(categories.size()), other);
            } else {
                categories.add(other);
            }
            stats.count("categories", "other_names");
        }
        if (r.nextInt(20) == 0) {
            categories.clear();
        }
        List<String> highlights = source == Source.KPO && r.nextInt(8) == 0
                ? List.of(idea.details().get(0)) : null;
        return new SyntheticListing(null, title, shortDescription, description, highlights, dates, place, sourceType,
                List.copyOf(new java.util.LinkedHashSet<>(categories)), flag(idea.family(), r),
                flag(idea.child(), r), flag(idea.free(), r), r.nextInt(10) == 0 ? Boolean.TRUE : null);
    }

    // --- title ------------------------------------------------------------------------------------------------------
    private String title(Occasion occasion, Source source, String sourceType, String townName, int dialect, int hemd,
                         SplittableRandom r) {
        Idea idea = occasion.idea();
        Town town = occasion.town();
        List<String> forms = idea.calendarTitles();
        String calendar = fill(r.nextInt(100) < 55 ? forms.get(0) : forms.get(r.nextInt(forms.size())), town,
                townName, dialect, hemd);
        if (sourceType.equals("artikel")) {
            if (r.nextInt(10) < 7) {
                stats.count("title_variation", "headline");
                return fill(idea.headlines().get(r.nextInt(idea.headlines().size())), town, townName, dialect, hemd);
            }
            return calendar;
        }
        if (sourceType.equals("anzeige")) {
            LocalDate day = occasion.firstDay();
            stats.count("title_variation", "advert");
            return r.nextBoolean() ? EventCatalog.upper(calendar)
                    : calendar + " – " + WEEKDAYS[day.getDayOfWeek().getValue() - 1].substring(0, 2) + "., "
                    + day.getDayOfMonth() + "." + day.getMonthValue() + ".";
        }
        String title = calendar;
        if (idea.seriesPrefix() != null && r.nextBoolean()) {
            title = idea.seriesPrefix() + DASHES[r.nextInt(DASHES.length)] + title;
            stats.count("title_variation", "series_prefix");
        } else if (source == Source.RVK && r.nextInt(100) < 45 || source == Source.KPO && r.nextInt(100) < 20
                || r.nextInt(100) < 8) {
            title = switch (r.nextInt(4)) {
                case 0 -> townName + ": " + title;
                case 1 -> title + ", " + townName;
                case 2 -> title + " – " + townName;
                default -> title + " " + townName;
            };
            stats.count("title_variation", "town_added");
        } else if (source == Source.KPO && r.nextInt(10) == 0 && occasion.venue() != null) {
            title = occasion.venue().names().get(0) + ": " + title;
            stats.count("title_variation", "venue_added");
        }
        if (r.nextInt(100) < 3) {
            title = EventCatalog.upper(title);
            stats.count("title_variation", "caps");
        } else if (r.nextInt(100) < 4 && title.contains("-")) {
            title = title.replaceFirst("(\\p{L})-(\\p{Lu})", "$1 - $2");
            stats.count("title_variation", "compound_split");
        }
        return title;
    }

    static String fill(String form, Town town, String townName, int dialect, int hemd) {
        if (form.indexOf('{') < 0) {
            return form;
        }
        String[] fasnet = Occasion.FASNET[dialect];
        return form.replace("{Ta}", town.adjective()).replace("{T}", townName).replace("{Fs}", fasnet[1])
                .replace("{fs}", fasnet[2]).replace("{F}", fasnet[0]).replace("{H}", Occasion.HEMDGLUNKER[hemd]);
    }

    // --- dates and times --------------------------------------------------------------------------------------------
    private record TimeChoice(Integer startMinute, Integer endMinute, boolean doors) {
    }

    private TimeChoice time(Occasion occasion, Source source, SplittableRandom r) {
        int start = occasion.startMinute();
        int roll = r.nextInt(100);
        Integer shown = start;
        boolean doors = false;
        if (roll < (source == Source.AMT ? 20 : 9)) {
            shown = null;
            stats.count("time_variation", "missing");
        } else if (roll < 24) {
            shown = start + (r.nextBoolean() ? 1 : -1) * (r.nextBoolean() ? 15 : 30);
            stats.count("time_variation", "shift_15_30");
        } else if (roll < 29) {
            shown = start + (r.nextBoolean() ? 1 : -1) * (r.nextBoolean() ? 45 : 60);
            stats.count("time_variation", "shift_45_60");
        } else if (roll < 32) {
            shown = start - 30;
            doors = true;
            stats.count("time_variation", "doors");
        }
        if (shown != null) {
            shown = Math.max(0, Math.min(23 * 60 + 45, shown));
        }
        Integer end = null;
        if (shown != null && r.nextInt(10) < 4 && start + occasion.idea().durationMinutes() < 24 * 60) {
            end = start + occasion.idea().durationMinutes();
        }
        return new TimeChoice(shown, end, doors);
    }

    private void dates(Occasion occasion, Source source, TimeChoice time, SplittableRandom r,
                       List<SyntheticListing.DateEntry> out) {
        String start = formatTime(time.startMinute(), source);
        String end = formatTime(time.endMinute(), source);
        List<LocalDate> days = occasion.days();
        if (days.size() == 1) {
            out.add(new SyntheticListing.DateEntry(days.get(0), start, end, null));
            return;
        }
        int roll = r.nextInt(100);
        if (roll < 15) {
            out.add(new SyntheticListing.DateEntry(days.get(0), start, end, null));
            stats.count("dates", "first_day_only");
        } else if (occasion.range() && (roll < 80 || days.size() > 7)) {
            out.add(new SyntheticListing.DateEntry(days.get(0), start, end, days.get(days.size() - 1)));
            stats.count("dates", "range");
        } else {
            for (LocalDate day : days) {
                out.add(new SyntheticListing.DateEntry(day, start, end, null));
            }
            stats.count("dates", occasion.range() ? "range_as_days" : "sessions");
        }
    }

    private static String formatTime(Integer minute, Source source) {
        if (minute == null) {
            return null;
        }
        String hhmm = String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
        return source.timesWithSeconds() ? hhmm + ":00" : hhmm;
    }

    // --- location ---------------------------------------------------------------------------------------------------
    private SyntheticListing.Place place(Occasion occasion, Source source, String townName, SplittableRandom r) {
        int missing = source == Source.AMT ? 8 : source == Source.RVK ? 3 : 2;
        if (r.nextInt(100) < missing) {
            stats.count("geo", "no_location");
            return null;
        }
        Venue venue = occasion.venue();
        Town town = occasion.town();
        String name = r.nextInt(100) < 5 ? null : r.nextInt(10) < 6 ? venue.names().get(0)
                : venue.names().get(r.nextInt(venue.names().size()));
        if (name != null && r.nextInt(100) < 12 && !name.contains(townName)) {
            name = name + ", " + townName;
        }
        String city = townName;
        String district = null;
        if (venue.district() != null) {
            int roll = r.nextInt(100);
            if (roll < 15) {
                city = venue.district();
                stats.count("city", "district_as_city");
            } else if (roll < 60) {
                district = venue.district();
            }
        }
        if (r.nextInt(100) < 3) {
            city = null;
        }
        String street = r.nextInt(100) < 25 ? null : venue.street();
        String zipcode = r.nextInt(100) < 12 ? null : town.zipcode();
        String sanitized = source == Source.KPO && r.nextInt(10) < 6 ? town.name() : null;
        return new SyntheticListing.Place(name, city, district, street, zipcode, geo(occasion, source, r), sanitized);
    }

    private SyntheticListing.Point geo(Occasion occasion, Source source, SplittableRandom r) {
        Venue venue = occasion.venue();
        Town town = occasion.town();
        if (r.nextInt(1000) < 5) {
            // geocoded to the wrong place, confidently
            Town other = Gazetteer.towns().get(r.nextInt(Gazetteer.towns().size()));
            stats.count("geo", "outlier");
            return point(other.lat(), other.lon(), 0.0003, 0.86 + r.nextInt(10) / 100.0, r);
        }
        int roll = r.nextInt(100);
        int[] profile = switch (source.geocoder()) {
            // exact, approximate, centroid, low confidence (cumulative; the rest is missing)
            case VENUE -> new int[] {78, 84, 88, 94};
            case APPROXIMATE -> new int[] {15, 73, 77, 90};
            case CENTROID -> new int[] {33, 38, 80, 85};
            case SPARSE -> new int[] {30, 38, 42, 55};
        };
        if (roll < profile[0]) {
            stats.count("geo", "venue");
            return point(venue.lat(), venue.lon(), 0.0002, 0.86 + r.nextInt(14) / 100.0, r);
        }
        if (roll < profile[1]) {
            stats.count("geo", "approx");
            return point(venue.lat(), venue.lon(), 0.0025, 0.85 + r.nextInt(11) / 100.0, r);
        }
        if (roll < profile[2]) {
            stats.count("geo", "centroid");
            return point(town.lat(), town.lon(), 0.0, 0.6 + r.nextInt(25) / 100.0, r);
        }
        if (roll < profile[3]) {
            stats.count("geo", "low_confidence");
            return point(venue.lat(), venue.lon(), 0.003, 0.45 + r.nextInt(40) / 100.0, r);
        }
        stats.count("geo", "missing");
        return null;
    }

    private static SyntheticListing.Point point(double lat, double lon, double jitter, double confidence,
                                               SplittableRandom r) {
        double la = lat + (r.nextDouble() * 2 - 1) * jitter;
        double lo = lon + (r.nextDouble() * 2 - 1) * jitter * 1.5;
        la = Math.max(47.5, Math.min(48.5, la));
        lo = Math.max(7.3, Math.min(8.5, lo));
        return new SyntheticListing.Point(Gazetteer.round6(la), Gazetteer.round6(lo),
                Math.round(confidence * 100) / 100.0);
    }

    // --- texts ------------------------------------------------------------------------------------------------------
    /** {short_description, description}, either may be null. */
    private String[] texts(Occasion occasion, Source source, String sourceType, String core, TimeChoice time,
                           String townName, int dialect, int hemd, SplittableRandom r) {
        Idea idea = occasion.idea();
        Town town = occasion.town();
        String lead = fill(idea.lead(), town, townName, dialect, hemd);
        List<String> details = idea.details();
        String detail = fill(details.get(r.nextInt(details.size())), town, townName, dialect, hemd);
        String timeSentence = timeSentence(time, r);
        if (sourceType.equals("artikel")) {
            StringBuilder text = new StringBuilder();
            if (r.nextBoolean()) {
                text.append(EventCatalog.upper(town.shortName())).append(" (")
                        .append(source == Source.OTB ? "ot" : source == Source.SWB ? "sb" : "bz").append("). ");
            }
            text.append(intro(occasion, core, r)).append(' ').append(lead);
            for (String sentence : details) {
                if (r.nextInt(3) > 0) {
                    text.append(' ').append(fill(sentence, town, townName, dialect, hemd));
                }
            }
            if (timeSentence != null) {
                text.append(' ').append(timeSentence);
            }
            text.append(' ').append(idea.admission());
            String shortDescription = r.nextInt(10) < 5 ? detail : null;
            return new String[] {shortDescription, text.toString()};
        }
        if (sourceType.equals("anzeige")) {
            return new String[] {null, lead + " " + idea.admission() + (timeSentence == null ? "" : " "
                    + timeSentence)};
        }
        String shortDescription = r.nextInt(100) < 35 ? detail : null;
        int roll = r.nextInt(100);
        String description;
        if (roll < 45) {
            description = null;
        } else if (roll < 75) {
            description = lead + (r.nextBoolean() ? " " + detail : "");
        } else {
            description = lead + " " + detail + (timeSentence == null ? "" : " " + timeSentence) + " "
                    + idea.admission();
        }
        return new String[] {shortDescription, description};
    }

    private static String intro(Occasion occasion, String core, SplittableRandom r) {
        LocalDate day = occasion.firstDay();
        String date = WEEKDAYS[day.getDayOfWeek().getValue() - 1] + ", " + day.getDayOfMonth() + ". "
                + MONTHS[day.getMonthValue() - 1];
        String venue = occasion.venue().names().get(0);
        String at = venuePhrase(venue);
        return switch (r.nextInt(3)) {
            case 0 -> "Termin vormerken: „" + core + "“ am " + date + ", " + at + ".";
            case 1 -> "„" + core + "“ heißt es am " + date + ", " + at + ".";
            default -> Character.toUpperCase(at.charAt(0)) + at.substring(1) + " steht am " + date + " „" + core
                    + "“ auf dem Programm.";
        };
    }

    static String venuePhrase(String venue) {
        String first = venue.split("[ ,]")[0];
        if (first.endsWith("platz") || first.equals("Treffpunkt")) {
            return "auf dem " + venue;
        }
        if (first.endsWith("halle") || first.endsWith("kirche") || first.endsWith("schule") || first.equals("Aula")
                || first.endsWith("bibliothek") || first.endsWith("bücherei") || first.endsWith("genossenschaft")
                || first.equals("Kirche") || first.startsWith("Evangelische") || first.equals("Ev.")
                || first.equals("Fest-")) {
            return "in der " + venue;
        }
        return "im " + venue;
    }

    private static String timeSentence(TimeChoice time, SplittableRandom r) {
        if (time.startMinute() == null) {
            return null;
        }
        int minute = time.doors() ? time.startMinute() + 30 : time.startMinute();
        String clock = minute % 60 == 0 ? (minute / 60) + " Uhr"
                : String.format(Locale.ROOT, "%d.%02d Uhr", minute / 60, minute % 60);
        if (time.doors()) {
            return "Einlass ist eine halbe Stunde vorher, Beginn um " + clock + ".";
        }
        return switch (r.nextInt(3)) {
            case 0 -> "Beginn ist um " + clock + ".";
            case 1 -> "Los geht es um " + clock + ".";
            default -> "Die Veranstaltung beginnt um " + clock + ".";
        };
    }

    // --- spelling ---------------------------------------------------------------------------------------------------
    static String transliterate(String text) {
        return text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss").replace("Ä", "Ae")
                .replace("Ö", "Oe").replace("Ü", "Ue");
    }

    private static final String[][] OCR = {{"l", "I"}, {"rn", "m"}, {"m", "rn"}, {"i", "l"}, {"e", "c"}, {"n", "u"},
        {"l", "1"}, {"o", "0"}, {"h", "b"}};

    /** One or two scanner errors: confusable letters, or a space inside a word. */
    static String ocr(String text, SplittableRandom r) {
        String result = text;
        int errors = 1 + r.nextInt(2);
        for (int e = 0; e < errors; e++) {
            if (r.nextInt(4) == 0) {
                int at = 2 + r.nextInt(Math.max(1, result.length() - 3));
                if (at < result.length() && Character.isLetter(result.charAt(at))
                        && Character.isLetter(result.charAt(at - 1))) {
                    result = result.substring(0, at) + " " + result.substring(at);
                }
                continue;
            }
            String[] swap = OCR[r.nextInt(OCR.length)];
            int from = r.nextInt(Math.max(1, result.length()));
            int at = result.indexOf(swap[0], from);
            if (at < 0) {
                at = result.indexOf(swap[0]);
            }
            if (at >= 0) {
                result = result.substring(0, at) + swap[1] + result.substring(at + swap[0].length());
            }
        }
        return result;
    }

    private static Boolean flag(boolean value, SplittableRandom r) {
        return r.nextInt(10) == 0 ? null : value;
    }

    static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
