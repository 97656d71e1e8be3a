package org.eventdedup.offline;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.text.CodePoints;
import org.eventdedup.worker.input.InputFileException;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.input.InputProblem;
import org.eventdedup.worker.input.ParsedFile;

/**
 * Reads the listings of the offline commands from {@code --input} paths: files, or directories whose {@code *.json}
 * files (not recursive) are read.
 *
 * <p>All files are read in the order of their file names (code points, then the whole path), as the worker's start-up
 * scan does (matching-spec B §10.3), whatever order the paths were given in; so output does not depend on how the
 * command line lists them. Ingestion order is that file order, then the position in the file. A listing id that a
 * later file delivers again replaces the earlier listing (Part A 12); an id twice in one file rejects the file.
 *
 * @see InputFileParser for what makes a file invalid
 */
public final class InputLoader {

    private static final Comparator<Path> BY_NAME = Comparator
            .comparing((Path p) -> p.getFileName().toString(), CodePoints.ORDER)
            .thenComparing(p -> p.toString(), CodePoints.ORDER);

    /**
     * @param listings   the listings in ingestion order
     * @param files      how many files were read
     * @param redelivered ids that a later file delivered again (the later listing was kept)
     */
    public record Loaded(List<Listing> listings, int files, int redelivered) {
    }

    private final String command;

    /** @param command names the command in error messages */
    public InputLoader(String command) {
        this.command = command;
    }

    /** @throws CliException naming the path and the problem (exit 2) */
    public Loaded load(List<String> paths) {
        List<Path> files = files(paths);
        InputFileParser parser = new InputFileParser();
        Map<String, Listing> byId = new LinkedHashMap<>();
        int redelivered = 0;
        long nextOrder = 0;
        for (Path file : files) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CliException(command + ": cannot read input file " + file + ": " + reason(e));
            }
            ParsedFile parsed;
            try {
                parsed = parser.parse(file.getFileName().toString(), content, nextOrder);
            } catch (InputFileException e) {
                List<InputProblem> problems = e.problems();
                String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : "";
                throw new CliException(command + ": input file " + file + " rejected: "
                        + problems.get(0).describe() + more);
            }
            for (Listing listing : parsed.listings()) {
                if (byId.remove(listing.id()) != null) {
                    redelivered++;
                }
                byId.put(listing.id(), listing);
            }
            nextOrder += parsed.listings().size();
        }
        return new Loaded(List.copyOf(byId.values()), files.size(), redelivered);
    }

    private List<Path> files(List<String> paths) {
        Set<Path> files = new LinkedHashSet<>();
        for (String text : paths) {
            Path path = Path.of(text);
            if (Files.isDirectory(path)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(path, "*.json")) {
                    for (Path entry : entries) {
                        if (Files.isRegularFile(entry)) {
                            files.add(entry.toAbsolutePath().normalize());
                        }
                    }
                } catch (IOException e) {
                    throw new CliException(command + ": cannot read input directory " + path + ": " + reason(e));
                }
            } else if (Files.exists(path)) {
                files.add(path.toAbsolutePath().normalize());
            } else {
                throw new CliException(command + ": input not found: " + path);
            }
        }
        if (files.isEmpty()) {
            throw new CliException(command + ": no input files (*.json) in " + String.join(", ", paths));
        }
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(BY_NAME);
        return sorted;
    }

    /** A short cause without exception class names (the line is for operators). */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? "I/O error" : e.getMessage();
    }
}
