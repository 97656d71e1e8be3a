package org.eventdedup.worker.adapter.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.eventdedup.worker.port.DeadLetters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EVENT_DEDUP_DEAD_LETTER_DIR}: a rejected file goes here under its own name, with {@code <name>.error.json}
 * beside it listing every problem ({@code event_index}, {@code event_id}, {@code field}, {@code reason}). A file from
 * the watched folder is moved (so it is not offered again); an upload is written from its bytes. An existing file of
 * the same name is replaced. Writing is best effort: a failure is logged, never thrown, because the rejection is
 * also recorded in {@code file_ingestions}.
 */
public final class DeadLetterDirectory implements DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDirectory.class);

    private final Path directory;

    public DeadLetterDirectory(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    public Path directory() {
        return directory;
    }

    @Override
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
