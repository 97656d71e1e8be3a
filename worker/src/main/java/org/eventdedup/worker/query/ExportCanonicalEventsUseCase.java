package org.eventdedup.worker.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Every canonical event with its source listing ids, one at a time, for a download of any size. */
public interface ExportCanonicalEventsUseCase {

    /**
     * @param dates      as stored: {@code [{date, start_time, end_time, ...}]}
     * @param sourceIds  in code-point order
     */
    record ExportedEvent(long id, String title, List<Map<String, Object>> dates, LocalDate firstDate,
                         LocalDate lastDate, String city, String venue, List<String> categories, int sourceCount,
                         List<String> sourceIds) {
        public ExportedEvent {
            dates = List.copyOf(dates);
            categories = List.copyOf(categories);
            sourceIds = List.copyOf(sourceIds);
        }
    }

    /**
     * Hands every event, ordered by id, to {@code sink} while reading them (bounded memory: never the whole list).
     * An exception thrown by the sink stops the export and is rethrown.
     */
    void export(Consumer<ExportedEvent> sink);
}
