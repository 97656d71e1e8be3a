package org.eventdedup.config.adapter.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventdedup.http.HttpProblem;

/** The request headers this adapter interprets: If-Match and If-None-Match. */
final class RequestHeaders {
    private static final Pattern ENTITY_TAG = Pattern.compile("(?:W/)?\"(\\d{1,18})\"");

    private RequestHeaders() {
    }

    /**
     * The version an If-Match header requires: null when absent or {@code *} (any version).
     *
     * @throws HttpProblem 400 when the header is not one entity tag of the form {@code "<version>"}
     */
    static Long ifMatchVersion(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.equals("*")) {
            return null;
        }
        Matcher m = ENTITY_TAG.matcher(value);
        if (!m.matches()) {
            throw HttpProblem.badRequest("If-Match must be one entity tag as sent in ETag, e.g. \"3\", or *.");
        }
        return Long.parseLong(m.group(1));
    }

    /** True when If-None-Match lists the given entity tag (weak comparison) or is {@code *}. */
    static boolean noneMatchHits(String header, String etag) {
        if (header == null) {
            return false;
        }
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
