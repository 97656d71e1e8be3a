package org.eventdedup.worker.adapter.gemini;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Signals;
import org.eventdedup.matching.port.AiCandidate;

/**
 * The texts sent to Gemini for one pair (matching-spec B §7.3 with Part A 8): the system instruction and the user
 * message. Fields without a value are left out rather than printed as "None"; the score shown is the weighted
 * combined score the decision was made with.
 */
final class GeminiPrompt {

    static final int MAX_DESCRIPTION_CODE_POINTS = 500;
    static final int MAX_DATES = 5;

    static final String SYSTEM_INSTRUCTION = String.join("\n",
            "You are an expert in deduplicating listings of regional events in Germany (mostly Baden).",
            "You get two event records from different or identical sources and decide whether both describe the "
                    + "same real-world event: the same gathering, at the same place, at the same time.",
            "",
            "Keep in mind:",
            "- German compound words and dialect names can name the same thing: Fasnet, Fasching, Fastnacht and "
                    + "Karneval all mean carnival.",
            "- Sources of type \"artikel\" are newspaper articles with journalistic headlines; sources of type "
                    + "\"terminliste\" are event calendars with formal event names. The same event reads "
                    + "differently in each.",
            "- One source may list a multi-day range where another lists a single day of it.",
            "- Venue names vary: abbreviations, spelling, a missing street or only the town.",
            "- Descriptions differ in length and style; compare the facts they share, not the wording.",
            "- Two different events can take place at the same venue on the same day (two films in one cinema, "
                    + "two concerts in one hall), so check that the titles describe the same thing.",
            "",
            "Answer only with a JSON object that follows the response schema: decision (\"same\" or \"different\"), "
                    + "confidence (0 to 1) and a short reasoning.");

    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter WITH_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private GeminiPrompt() {
    }

    static String userMessage(AiCandidate candidate) {
        PairDecision decision = candidate.decision();
        Signals signals = decision.signals();
        StringBuilder out = new StringBuilder(2048);
        out.append("Do these two event records describe the same real-world event?\n\n");
        appendEvent(out, "Event A", candidate.a());
        out.append('\n');
        appendEvent(out, "Event B", candidate.b());
        out.append('\n');
        out.append("Deterministic scoring context:\n");
        out.append("- Combined score (weighted, as used for the decision): ").append(twoDecimals(decision.score()))
                .append('\n');
        if (signals != null) {
            out.append("- Date similarity: ").append(twoDecimals(signals.date())).append('\n');
            out.append("- Location similarity: ").append(twoDecimals(signals.geo())).append('\n');
            out.append("- Title similarity: ").append(twoDecimals(signals.title())).append('\n');
            out.append("- Description similarity: ").append(twoDecimals(signals.description())).append('\n');
        }
        out.append("The automatic matcher could not decide: the pair fell between its match and no-match "
                + "thresholds.\n\n");
        out.append("Same event or different events?");
        return out.toString();
    }

    private static void appendEvent(StringBuilder out, String label, Listing listing) {
        out.append(label).append(" (id ").append(listing.id());
        if (hasText(listing.sourceCode())) {
            out.append(", source ").append(listing.sourceCode());
        }
        out.append(", type ").append(listing.sourceType()).append(")\n");
        out.append("Title: ").append(listing.title()).append('\n');
        String description = hasText(listing.description()) ? listing.description()
                : hasText(listing.shortDescription()) ? listing.shortDescription() : null;
        if (description != null) {
            out.append("Description: ").append(truncate(description)).append('\n');
        }
        List<String> place = new ArrayList<>(2);
        if (hasText(listing.location().name())) {
            place.add(listing.location().name());
        }
        if (hasText(listing.location().city())) {
            place.add(listing.location().city());
        }
        if (!place.isEmpty()) {
            out.append("Location: ").append(String.join(", ", place)).append('\n');
        }
        if (!listing.dates().isEmpty()) {
            List<String> dates = new ArrayList<>(MAX_DATES);
            for (EventDate date : listing.dates().subList(0, Math.min(MAX_DATES, listing.dates().size()))) {
                dates.add(format(date));
            }
            out.append("Dates: ").append(String.join("; ", dates));
            if (listing.dates().size() > MAX_DATES) {
                out.append(" (and ").append(listing.dates().size() - MAX_DATES).append(" more)");
            }
            out.append('\n');
        }
        List<String> categories = listing.categories().stream().filter(GeminiPrompt::hasText).toList();
        if (!categories.isEmpty()) {
            out.append("Categories: ").append(String.join(", ", categories)).append('\n');
        }
    }

    /** {@code date[ start][-end][ to end_date]} (B §7.3). */
    static String format(EventDate date) {
        StringBuilder out = new StringBuilder(date.date().toString());
        if (date.startTime() != null) {
            out.append(' ').append(time(date.startTime()));
        }
        if (date.endTime() != null) {
            out.append(date.startTime() == null ? " until " : "-").append(time(date.endTime()));
        }
        if (date.endDate() != null) {
            out.append(" to ").append(date.endDate());
        }
        return out.toString();
    }

    /** At most 500 code points: 497 and "..." when longer (B §7.3); never splits a surrogate pair. */
    static String truncate(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_DESCRIPTION_CODE_POINTS) {
            return text;
        }
        int end = text.offsetByCodePoints(0, MAX_DESCRIPTION_CODE_POINTS - 3);
        return text.substring(0, end) + "...";
    }

    /** Two decimals of the double's exact value, half-even, as Python's {@code f"{x:.2f}"} writes them. */
    static String twoDecimals(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String time(LocalTime time) {
        return (time.getSecond() == 0 && time.getNano() == 0 ? HOURS_MINUTES : WITH_SECONDS).format(time);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
