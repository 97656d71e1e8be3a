package org.eventdedup.worker.adapter.persistence;

/** A user's text as a literal part of a LIKE pattern with {@code ESCAPE '\'}. */
final class LikePattern {

    private LikePattern() {
    }

    /** {@code 50%_off\} → {@code 50\%\_off\\}: every wildcard and the escape character itself match literally. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
