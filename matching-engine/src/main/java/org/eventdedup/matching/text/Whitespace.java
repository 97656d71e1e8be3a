package org.eventdedup.matching.text;

/**
 * Whitespace as Python's {@code str.isspace} / {@code str.split()} / {@code str.strip()} see it (which is also what
 * RapidFuzz splits tokens on): ASCII whitespace, the separators U+001C..U+001F, U+0085, U+00A0, U+1680,
 * U+2000..U+200A, U+2028, U+2029, U+202F, U+205F and U+3000. Java's {@code Character.isWhitespace} differs (it
 * excludes the no-break spaces), so it is not used.
 */
public final class Whitespace {

    private Whitespace() {
    }

    public static boolean isWhitespace(int cp) {
        if (cp <= 0x20) {
            return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
        }
        if (cp < 0x85) {
            return false;
        }
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028
                || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** Python's {@code str.strip()}; null stays null. */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end) {
            int cp = text.codePointAt(start);
            if (!isWhitespace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = text.codePointBefore(end);
            if (!isWhitespace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return text.substring(start, end);
    }

    /** True for null, empty or whitespace-only text. */
    public static boolean isBlank(String text) {
        return text == null || strip(text).isEmpty();
    }
}
