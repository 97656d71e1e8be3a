package org.eventdedup.worker.labels;

import java.util.Objects;
import org.eventdedup.config.domain.model.Thresholds;
import org.eventdedup.config.domain.port.in.ConfigProvider;
import org.eventdedup.worker.port.ReviewQueue;

/**
 * The review queue under the current config: its thresholds say which scores are the most uncertain (closest to the
 * middle of [low, high]) and which matches sit at the title veto's edge.
 */
public final class ReviewPairs {

    private final ReviewQueue queue;
    private final ConfigProvider config;

    public ReviewPairs(ReviewQueue queue, ConfigProvider config) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.config = Objects.requireNonNull(config, "config");
    }

    public ReviewQueue.Result pairs(int limit, int offset, ReviewQueue.Order order) {
        Thresholds thresholds = config.load().config().thresholds();
        return queue.pairs(new ReviewQueue.Query(limit, offset, order, thresholds.low(), thresholds.high(),
                thresholds.titleVeto()));
    }
}
