package org.eventdedup.matching.scoring;

import java.util.List;
import org.eventdedup.matching.text.Lexicon;

/** The lexicon exactly as matching-spec B §3.2–3.4 lists it (the shipped YAML files extend it). */
public final class SpecLexicon {

    public static final List<String> DASH = List.of("Nordwiler Narrenfahrplan", "Wahlkampfstand Bündnis 90/Die Grünen",
            "Kommunales Kino", "Kolping Kids", "Fasnet im Ladhof", "Narrenzunft Bergteufel");
    public static final List<String> COLON = List.of("Vortrag", "Bildervortrag", "Kochworkshop", "FreiTagZeit",
            "Jungentreff", "Textil-Tag", "SPD-Veranstaltung", "Theaterabend", "Kinderprogramm", "SkF Waldkirch",
            "Waldkircher Klimagespräch");
    public static final List<String> GENERIC = List.of("Tag der offenen Tür");

    public static final Lexicon LEXICON = build();

    private SpecLexicon() {
    }

    private static Lexicon build() {
        Lexicon.Builder builder = Lexicon.builder();
        DASH.forEach(builder::dashPrefix);
        COLON.forEach(builder::colonPrefix);
        GENERIC.forEach(builder::genericPrefix);
        builder.synonymGroup("fastnacht",
                List.of("fasnets", "fasent", "fasend", "fasnet", "fasnacht", "fasching", "karneval"));
        builder.synonymGroup("hemdglunker", List.of("hemdklunker", "hemdglunki", "hendglunki"));
        alias(builder, "Kenzingen", "Nordweil", "Hecklingen", "Bombach");
        alias(builder, "Emmendingen", "Mundingen", "Kollmarsreute", "Wasser", "Windenreute", "Maleck");
        alias(builder, "Waldkirch", "Kollnau", "Buchholz", "Suggental");
        alias(builder, "Freiburg im Breisgau", "Waltershofen", "Opfingen", "Tiengen", "Munzingen", "Lehen");
        alias(builder, "Gutach im Breisgau", "Bleibach");
        alias(builder, "Rheinhausen", "Oberhausen", "Niederhausen");
        return builder.build();
    }

    private static void alias(Lexicon.Builder builder, String parent, String... districts) {
        for (String district : districts) {
            builder.cityAlias(district, parent);
        }
    }
}
