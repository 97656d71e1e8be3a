package org.eventdedup.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.GroundTruthException;
import org.eventdedup.worker.input.StrictUtf8;

/**
 * Reads a {@code truth.json} file for {@code evaluate} and {@code ground-truth import}; the document's rules are the
 * engine's {@link GroundTruth}, shared with the HTTP import and the config preview.
 */
public final class TruthFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TruthFile() {
    }

    /** @throws CliException naming the file and the problem (exit 2) */
    public static GroundTruth read(String command, Path file) {
        Object root;
        // the same strict UTF-8 as POST /api/ground-truth: Jackson alone would guess UTF-16 and skip a BOM
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (StrictUtf8.startsWithByteOrderMark(bytes)) {
                throw bad(command, file, "starts with a byte order mark; save it as UTF-8 without one");
            }
            try (Reader reader = StrictUtf8.reader(bytes)) {
                root = JSON.readValue(reader, Object.class);
            }
        } catch (JsonProcessingException e) {
            throw bad(command, file, "invalid JSON: " + e.getOriginalMessage());
        } catch (CharacterCodingException e) {
            throw bad(command, file, "not valid UTF-8");
        } catch (IOException e) {
            throw new CliException(command + ": cannot read truth file " + file + ": "
                    + (e.getMessage() == null ? "I/O error" : e.getMessage()));
        }
        try {
            return GroundTruth.fromTree(root);
        } catch (GroundTruthException e) {
            throw bad(command, file, e.getMessage());
        }
    }

    private static CliException bad(String command, Path file, String problem) {
        return new CliException(command + ": bad truth file " + file + ": " + problem);
    }
}
