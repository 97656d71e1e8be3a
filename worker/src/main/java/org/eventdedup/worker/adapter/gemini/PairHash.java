package org.eventdedup.worker.adapter.gemini;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.text.CodePoints;

/**
 * The answer cache's content key (matching-spec B §7.5): SHA-256 over the compared fields of both listings, exactly
 * as the earlier service's {@code json.dumps([a, b], sort_keys=True, ensure_ascii=False)} wrote them, so hashes
 * carry over. Ids, times and geo are not part of it: the same content under new ids hits the cache.
 */
final class PairHash {

    private PairHash() {
    }

    /** Lower-case hex SHA-256; the listings are put in code-point id order first, so the argument order is free. */
    static String of(Listing x, Listing y) {
        boolean xFirst = CodePoints.compare(x.id(), y.id()) <= 0;
        return sha256Hex(canonicalJson(xFirst ? x : y, xFirst ? y : x));
    }

    /** {@code [objA, objB]} with sorted keys and Python's default separators {@code ", "} and {@code ": "}. */
    static String canonicalJson(Listing first, Listing second) {
        StringBuilder out = new StringBuilder(512);
        out.append('[');
        appendListing(out, first);
        out.append(", ");
        appendListing(out, second);
        out.append(']');
        return out.toString();
    }

    // keys in sorted order: categories, dates, description, location_city, location_name, short_description, title
    private static void appendListing(StringBuilder out, Listing listing) {
        List<String> categories = new ArrayList<>(listing.categories());
        categories.sort(CodePoints.ORDER);
        List<String> dates = new ArrayList<>(listing.dates().size());
        for (EventDate date : listing.dates()) {
            dates.add(date.date().toString());
        }
        dates.sort(CodePoints.ORDER);

        out.append('{');
        appendKey(out, "categories");
        appendStrings(out, categories);
        out.append(", ");
        appendKey(out, "dates");
        appendStrings(out, dates);
        out.append(", ");
        appendKey(out, "description");
        appendString(out, listing.description());
        out.append(", ");
        appendKey(out, "location_city");
        appendString(out, listing.location().city());
        out.append(", ");
        appendKey(out, "location_name");
        appendString(out, listing.location().name());
        out.append(", ");
        appendKey(out, "short_description");
        appendString(out, listing.shortDescription());
        out.append(", ");
        appendKey(out, "title");
        appendString(out, listing.title());
        out.append('}');
    }

    private static void appendKey(StringBuilder out, String key) {
        appendString(out, key);
        out.append(": ");
    }

    private static void appendStrings(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            appendString(out, values.get(i));
        }
        out.append(']');
    }

    /** Python's {@code json} string escaping with {@code ensure_ascii=False}: only quote, backslash and controls. */
    private static void appendString(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
