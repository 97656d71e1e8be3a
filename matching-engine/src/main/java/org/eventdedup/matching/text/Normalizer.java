package org.eventdedup.matching.text;

import java.util.Locale;

/**
 * Text normalisation of matching-spec B §3.1 as changed by Part A 2, and Python's {@code str.casefold} (B §5.4).
 *
 * <p>{@code normalizeText}: lowercase ({@code Locale.ROOT}), NFC, ä/ö/ü/ß → ae/oe/ue/ss, delete
 * {@code " ' ! ? , . : ; ( ) [ ] { }}, collapse whitespace runs into one space and trim, apply the lexicon's synonyms,
 * trim. Deleting punctuation before collapsing whitespace (Part A 2) means {@code "a . b"} gives {@code "a b"}, not
 * B's {@code "a  b"}.
 */
public final class Normalizer {

    private Normalizer() {
    }

    /** {@code normalize_text} without synonyms. */
    public static String normalizeText(String text) {
        return normalizeText(text, Lexicon.EMPTY);
    }

    /** {@code normalize_text} with the synonyms of {@code lexicon}; null or empty gives {@code ""}. */
    public static String normalizeText(String text, Lexicon lexicon) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String lowered = java.text.Normalizer.normalize(text.toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(lowered.length() + 8);
        boolean pendingSpace = false;
        for (int i = 0; i < lowered.length(); ) {
            int cp = lowered.codePointAt(i);
            i += Character.charCount(cp);
            if (isDeletedPunctuation(cp)) {
                continue;
            }
            if (Whitespace.isWhitespace(cp)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && out.length() > 0) {
                out.append(' ');
            }
            pendingSpace = false;
            switch (cp) {
                case 'ä', 'Ä' -> out.append("ae");
                case 'ö', 'Ö' -> out.append("oe");
                case 'ü', 'Ü' -> out.append("ue");
                case 'ß' -> out.append("ss");
                default -> out.appendCodePoint(cp);
            }
        }
        String collapsed = out.toString();
        return Whitespace.strip(lexicon.applySynonyms(collapsed));
    }

    static boolean isDeletedPunctuation(int cp) {
        return switch (cp) {
            case '"', '\'', '!', '?', ',', '.', ':', ';', '(', ')', '[', ']', '{', '}' -> true;
            default -> false;
        };
    }

    /**
     * Python's {@code str.casefold}: full case folding, so {@code ß}/{@code ẞ} → {@code ss}, {@code ﬁ} → {@code fi},
     * {@code ſ} → {@code s}, final sigma → sigma. Nothing else changes (punctuation and umlauts stay).
     */
    public static String casefold(String text) {
        return text == null ? null : CaseFolding.fold(text);
    }
}
