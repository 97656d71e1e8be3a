package org.eventdedup.config.adapter.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One response as the tests see it. */
record HttpResult(int status, Map<String, List<String>> headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }

    String contentType() {
        return header("Content-Type").orElse("");
    }

    Map<String, Object> json() {
        try {
            return JSON.readValue(body, new TypeReference<>() { });
        } catch (Exception e) {
            throw new AssertionError("not a JSON object: " + body, e);
        }
    }

    List<Map<String, Object>> jsonList() {
        try {
            return JSON.readValue(body, new TypeReference<>() { });
        } catch (Exception e) {
            throw new AssertionError("not a JSON array: " + body, e);
        }
    }

    @SuppressWarnings("unchecked")
    Object at(String pointer) {
        Object node;
        try {
            node = JSON.readValue(body, Object.class);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        for (String part : pointer.substring(1).split("/")) {
            node = node instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(part)
                    : node instanceof List<?> l ? l.get(Integer.parseInt(part)) : null;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    List<String> errorPointers() {
        return ((List<Map<String, Object>>) json().get("errors")).stream().map(e -> (String) e.get("pointer"))
                .toList();
    }
}
