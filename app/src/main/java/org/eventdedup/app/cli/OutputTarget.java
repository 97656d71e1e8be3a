package org.eventdedup.app.cli;

import java.io.BufferedOutputStream;
import org.eventdedup.offline.CliException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where a command writes its result, checked before the work starts. The rule every command that writes a file
 * follows:
 * <ul>
 *   <li>{@code -}: standard output;</li>
 *   <li>a regular file, or a path that does not exist yet: written beside it and moved into place in one step, so a
 *       failed or killed run leaves the old file (or none), never half of one; through a symbolic link, the file it
 *       points to is replaced and the link stays;</li>
 *   <li>anything else that exists — a FIFO, a character device such as {@code /dev/null} — is written to directly:
 *       never replaced by a regular file;</li>
 *   <li>a directory, a path under something that is not a directory, or one we may not write: exit 2 with a
 *       one-line message naming the option and the path, before any work.</li>
 * </ul>
 */
public final class OutputTarget {

    /** Writes the result to a stream it must not close. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private enum Kind { STDOUT, REPLACE, DIRECT }

    private final Kind kind;
    private final Path path;
    private final String shown;

    private OutputTarget(Kind kind, Path path, String shown) {
        this.kind = kind;
        this.path = path;
        this.shown = shown;
    }

    /**
     * @param command the command's name, for the message
     * @param option  the option that named the target, e.g. {@code --output}
     * @throws CliException when the target cannot be written (exit 2)
     */
    public static OutputTarget of(String command, String option, String value) {
        if (value.equals("-")) {
            return new OutputTarget(Kind.STDOUT, null, "standard output");
        }
        Path given = Path.of(value);
        Path target = given;
        try {
            if (Files.isSymbolicLink(given) && Files.exists(given)) {
                target = given.toRealPath();
            }
        } catch (IOException e) {
            throw problem(command, option, value, "cannot be resolved (" + e.getMessage() + ")");
        }
        if (Files.isDirectory(target)) {
            throw problem(command, option, value, "is a directory; name a file (or - for standard output)");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
            // a FIFO, a device, a socket: write into it, never replace it
            if (!Files.isWritable(target)) {
                throw problem(command, option, value, "is not writable");
            }
            return new OutputTarget(Kind.DIRECT, target, value);
        }
        Path folder = target.toAbsolutePath().getParent();
        if (folder != null && Files.exists(folder) && !Files.isDirectory(folder)) {
            throw problem(command, option, value, "cannot be created: " + folder + " is not a directory");
        }
        if (folder != null && !Files.exists(folder)) {
            for (Path p = folder.getParent(); p != null; p = p.getParent()) {
                if (Files.exists(p)) {
                    if (!Files.isDirectory(p)) {
                        throw problem(command, option, value, "cannot be created: " + p + " is not a directory");
                    }
                    break;
                }
            }
        } else if (folder != null) {
            probe(command, option, value, folder);
        }
        if (Files.isRegularFile(target) && !Files.isWritable(target)) {
            throw problem(command, option, value, "is not writable");
        }
        return new OutputTarget(Kind.REPLACE, target.toAbsolutePath(), value);
    }

    /** Creates and removes a file where the result will be written: permissions alone do not tell for root. */
    private static void probe(String command, String option, String value, Path folder) {
        Path probe = folder.resolve(".event-dedup-probe." + ProcessHandle.current().pid());
        try {
            Files.newOutputStream(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw problem(command, option, value, "cannot be written: the directory " + folder
                    + " does not take new files (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** True for standard output (log lines and summaries must then go elsewhere). */
    public boolean isStandardOutput() {
        return kind == Kind.STDOUT;
    }

    /** How the target is named in messages. */
    public String shown() {
        return shown;
    }

    /** Writes the content according to the rule above. */
    public void write(Content content, PrintStream stdout) throws IOException {
        switch (kind) {
            case STDOUT -> {
                content.writeTo(stdout);
                stdout.flush();
            }
            case DIRECT -> {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path,
                        StandardOpenOption.WRITE), 1 << 16)) {
                    content.writeTo(out);
                }
            }
            case REPLACE -> replace(content);
        }
    }

    private void replace(Content content) throws IOException {
        Path folder = path.getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Path temporary = path.resolveSibling("." + path.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(temporary); // left over by a killed run of a process with the same id
        try {
            // CREATE_NEW with the process umask (not createTempFile's 0600): the result is an ordinary file
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(out);
            }
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static CliException problem(String command, String option, String value, String what) {
        return new CliException(command + ": " + option + " " + value + " " + what);
    }
}
