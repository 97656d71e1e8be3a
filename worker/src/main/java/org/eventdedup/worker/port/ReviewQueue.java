package org.eventdedup.worker.port;

import java.util.List;
import java.util.Objects;

/**
 * The stored decisions that need a human: unlabelled pairs decided {@code ambiguous}, and {@code match} decisions
 * whose title signal is just above the title veto. Implemented by {@code JdbiReviewQueue}.
 */
public interface ReviewQueue {

    /** How far above {@code title_veto} a match's title signal may be to count as "at the veto's edge". */
    double VETO_EDGE = 0.05;

    enum Order {
        /** Closeness of the combined score to the middle of [low, high], closest first. */
        UNCERTAINTY,
        /** Highest combined score first. */
        SCORE,
        /** Newest decision first. */
        RECENT
    }

    /** One page; {@code low}, {@code high} and {@code titleVeto} are the current config's thresholds. */
    record Query(int limit, int offset, Order order, double low, double high, double titleVeto) {
        public Query {
            Objects.requireNonNull(order, "order");
            if (limit < 1 || offset < 0) {
                throw new IllegalArgumentException("limit must be positive and offset not negative, were " + limit
                        + " and " + offset);
            }
        }
    }

    /** One day of a listing: ISO date and times as stored (times may be null). */
    record ListingDate(String date, String startTime, String endTime) {
    }

    /** A listing as a reviewer compares it. {@code canonicalEventId} is null before a run clustered it. */
    record Listing(String id, String title, List<ListingDate> dates, String city, String venue, String sourceCode,
                   String sourceType, String descriptionExcerpt, Long canonicalEventId) {
        public Listing {
            Objects.requireNonNull(id, "id");
            dates = List.copyOf(dates);
        }
    }

    /** Why a pair is in the queue. */
    enum Reason { AMBIGUOUS, VETO_EDGE }

    record Item(Listing a, Listing b, double date, double geo, double title, double description,
                double combinedScore, String decision, String tier, Reason reason, long configVersion) {
        public Item {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
        }
    }

    record Result(List<Item> items, long total) {
        public Result {
            items = List.copyOf(items);
        }
    }

    Result pairs(Query query);
}
