package org.eventdedup.worker.adapter.files;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The watched input folder (matching-spec B §10.3 with the issue's fixes): {@link #scan()} lists the {@code *.json}
 * files already there, sorted by name; {@link #nextBatch} waits for files that appear (created, written, or renamed
 * into the folder) and returns those that arrived within one settle window together, each only once its size and
 * modification time stayed the same over a settle interval, so a half-written file is never read. Not recursive.
 * Not thread-safe: one loop owns it.
 */
public final class FolderWatcher implements AutoCloseable {

    private final Path folder;
    private final Duration settle;
    private final WatchService watchService;

    public FolderWatcher(Path folder, Duration settle) throws IOException {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.settle = Objects.requireNonNull(settle, "settle");
        Files.createDirectories(folder);
        this.watchService = FileSystems.getDefault().newWatchService();
        folder.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    }

    public Path folder() {
        return folder;
    }

    /** The {@code *.json} files in the folder now, sorted by name. */
    public List<Path> scan() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(FolderWatcher::isInputFile).sorted().toList();
        }
    }

    /**
     * Waits up to {@code timeout} for a file event, then collects events until none came for one settle window and
     * every file named is complete.
     *
     * @return the complete files, sorted by name; empty when nothing arrived in time
     */
    public List<Path> nextBatch(Duration timeout) throws InterruptedException {
        TreeSet<Path> names = new TreeSet<>();
        WatchKey key;
        try {
            key = watchService.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            while (key != null) {
                collect(key, names);
                key = watchService.poll(settle.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ClosedWatchServiceException e) {
            return List.of();
        }
        return awaitComplete(names);
    }

    private void collect(WatchKey key, TreeSet<Path> names) {
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.context() instanceof Path name) {
                Path file = folder.resolve(name);
                if (isInputFile(file)) {
                    names.add(file);
                }
            }
        }
        key.reset();
    }

    /** Keeps the files whose size and modification time stay unchanged over a settle interval. */
    private List<Path> awaitComplete(TreeSet<Path> files) throws InterruptedException {
        Map<Path, String> last = new HashMap<>();
        List<Path> complete = new ArrayList<>();
        TreeSet<Path> waiting = new TreeSet<>(files);
        for (int round = 0; !waiting.isEmpty() && round < 600; round++) {
            for (Path file : List.copyOf(waiting)) {
                String state = state(file);
                if (state == null) {
                    waiting.remove(file); // gone again (renamed away, deleted)
                } else if (state.equals(last.get(file))) {
                    waiting.remove(file);
                    complete.add(file);
                } else {
                    last.put(file, state);
                }
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(Math.max(50, settle.toMillis() / 2));
            }
        }
        complete.sort(null);
        return complete;
    }

    private static String state(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() ? attributes.size() + "@" + attributes.lastModifiedTime() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static boolean isInputFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") && !name.startsWith(".") && Files.isRegularFile(file);
    }

    @Override
    public void close() throws IOException {
        watchService.close();
    }
}
