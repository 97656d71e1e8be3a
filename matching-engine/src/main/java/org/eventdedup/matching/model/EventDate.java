package org.eventdedup.matching.model;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/** One date entry of a listing; {@code endDate} marks a multi-day range. Times and end date may be null. */
public record EventDate(LocalDate date, LocalTime startTime, LocalTime endTime, LocalDate endDate) {
    public EventDate {
        Objects.requireNonNull(date, "date");
    }
}
