package org.eventdedup.worker.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The error document of a rejected file, as stored with its queue entry and written beside its dead letter. */
public final class InputProblems {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private InputProblems() {
    }

    /** {@code {file, status: "failed", problems: [{event_index, event_id, field, reason}]}}. */
    public static String errorJson(String fileName, List<InputProblem> problems) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("file", fileName);
        document.put("status", "failed");
        List<Map<String, Object>> list = new ArrayList<>();
        for (InputProblem p : problems) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("event_index", p.eventIndex() < 0 ? null : p.eventIndex());
            item.put("event_id", p.eventId());
            item.put("field", p.field());
            item.put("reason", p.reason());
            list.add(item);
        }
        document.put("problems", list);
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
