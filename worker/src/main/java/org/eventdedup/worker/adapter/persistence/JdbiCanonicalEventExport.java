package org.eventdedup.worker.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.eventdedup.worker.query.ExportCanonicalEventsUseCase;
import org.jdbi.v3.core.Jdbi;

/**
 * Streams every canonical event through a server-side cursor: inside a transaction (PostgreSQL's JDBC
 * driver fetches in batches only with auto-commit off) with a fetch size of {@value #FETCH_SIZE} rows, so 100,000
 * events never sit in memory at once.
 */
public final class JdbiCanonicalEventExport implements ExportCanonicalEventsUseCase {

    static final int FETCH_SIZE = 500;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Map<String, Object>>> OBJECTS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private static final String SQL = """
            SELECT c.id, c.title, c.dates::text AS dates, c.first_date, c.last_date, c.location_city,
                   c.location_name, c.categories::text AS categories, c.source_count,
                   ARRAY(SELECT s.source_event_id FROM canonical_event_sources s
                         WHERE s.canonical_event_id = c.id ORDER BY s.source_event_id) AS source_ids
            FROM canonical_events c ORDER BY c.id""";

    private final Jdbi jdbi;

    public JdbiCanonicalEventExport(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void export(Consumer<ExportedEvent> sink) {
        Objects.requireNonNull(sink, "sink");
        jdbi.useTransaction(handle -> {
            handle.createQuery(SQL).setFetchSize(FETCH_SIZE).map((rs, ctx) -> event(rs)).forEach(sink);
        });
    }

    private static ExportedEvent event(ResultSet rs) throws SQLException {
        Array ids = rs.getArray("source_ids");
        List<String> sourceIds = ids == null ? List.of() : Arrays.asList((String[]) ids.getArray());
        return new ExportedEvent(rs.getLong("id"), rs.getString("title"), read(rs.getString("dates"), OBJECTS),
                rs.getObject("first_date", LocalDate.class), rs.getObject("last_date", LocalDate.class),
                rs.getString("location_city"), rs.getString("location_name"),
                read(rs.getString("categories"), STRINGS), rs.getInt("source_count"), sourceIds);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored canonical event is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
