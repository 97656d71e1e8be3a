package org.eventdedup.worker.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.worker.input.InputProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EVENT_DEDUP_DEAD_LETTER_DIR}: a rejected file goes here under its own name, with {@code <name>.error.json}
 * beside it listing every problem ({@code event_index}, {@code event_id}, {@code field}, {@code reason}). A file from
 * the watched folder is moved (so it is not offered again); an upload is written from its bytes. An existing file of
 * the same name is replaced. Writing is best effort: a failure is logged, never thrown, because the rejection is
 * also recorded in {@code file_ingestions}.
 */
public final class DeadLetterDirectory {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDirectory.class);
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path directory;

    public DeadLetterDirectory(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    public Path directory() {
        return directory;
    }

    /** The error document of a rejected file, as stored in {@code file_ingestions.error} and the .error.json. */
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

    /**
     * @param sourcePath the file in the watched folder (moved when it still exists), or null
     * @param content    the bytes, written when there is no file to move
     */
    public void reject(String fileName, String sourcePath, byte[] content, String errorJson) {
        String name = Path.of(fileName).getFileName().toString();
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(name);
            Path source = sourcePath == null ? null : Path.of(sourcePath);
            if (source != null && Files.isRegularFile(source)) {
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.write(target, content);
            }
            Files.writeString(directory.resolve(name + ".error.json"), errorJson, StandardCharsets.UTF_8);
            log.warn("Rejected {} to {}", name, target);
        } catch (IOException | RuntimeException e) {
            log.error("Could not write dead letter {} to {}: {}", name, directory, e.toString());
        }
    }
}
