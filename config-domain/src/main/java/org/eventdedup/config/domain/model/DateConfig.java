package org.eventdedup.config.domain.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;

public record DateConfig(
        @Doc(title = "Time tolerance (minutes)", value = "Start times this close count as the same time.")
        @Positive int timeToleranceMinutes,
        @Doc(title = "Close time (minutes)", value = "Start times this close get the close factor.")
        @Positive int timeCloseMinutes,
        @Doc(title = "Close factor", value = "Time factor for start times more than the tolerance but at most the close time apart. A time factor is the share (0–1) of a shared day's date score that two start times keep; within the tolerance it is 1.")
        @DecimalMin("0.0") @DecimalMax("1.0") double closeFactor,
        @Doc(title = "Far factor", value = "Time factor for gaps up to the gap-penalty hours.")
        @DecimalMin("0.0") @DecimalMax("1.0") double farFactor,
        @Doc(title = "Gap penalty after (hours)", value = "Gaps longer than this get the gap penalty factor.")
        @Positive double timeGapPenaltyHours,
        @Doc(title = "Gap penalty factor", value = "Time factor for gaps beyond the gap-penalty hours.")
        @DecimalMin("0.0") @DecimalMax("1.0") double timeGapPenaltyFactor) {

    public static final DateConfig DEFAULT = new DateConfig(30, 90, 0.1, 0.0, 2.0, 0.0);
}
