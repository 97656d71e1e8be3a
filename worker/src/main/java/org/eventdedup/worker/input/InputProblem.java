package org.eventdedup.worker.input;

import java.util.Objects;

/**
 * One reason an input file was rejected.
 *
 * @param eventIndex position of the event in {@code events}, or -1 for a problem with the file as a whole
 * @param eventId    the event's id when it has a readable one, else null
 * @param field      JSON Pointer to the offending value, e.g. {@code /events/3/event_dates/0/date}; {@code ""} is
 *                   the whole document
 * @param reason     what is wrong, naming the expected form and the value found
 */
public record InputProblem(int eventIndex, String eventId, String field, String reason) {
    public InputProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    static InputProblem ofFile(String field, String reason) {
        return new InputProblem(-1, null, field, reason);
    }

    /** "/events/3/id (event 3, id "x"): must not be empty". */
    public String describe() {
        String where = field.isEmpty() ? "document" : field;
        if (eventIndex >= 0) {
            where += " (event " + eventIndex + (eventId == null ? "" : ", id \"" + eventId + "\"") + ")";
        }
        return where + ": " + reason;
    }
}
