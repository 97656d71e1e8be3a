package org.eventdedup.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eventdedup.config.domain.port.out.StoreUnavailableException;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.testing.InMemoryPipelineStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIntakeTest {

    @TempDir
    Path folder;
    private final List<String> rejected = new ArrayList<>();

    private final InMemoryPipelineStorage storage = new InMemoryPipelineStorage();
    /** The sizes of the batches the queue was given, and a batch number to fail at (-1: none). */
    private final List<Integer> batches = new ArrayList<>();
    private int failAtBatch = -1;
    private final IngestionQueue queue = new IngestionQueue() {
        @Override
        public Offer offer(String filename, String sourceCode, String origin, String sourcePath, byte[] content) {
            return storage.offer(filename, sourceCode, origin, sourcePath, content);
        }

        @Override
        public List<Offer> offerAll(List<Candidate> files) {
            if (batches.size() == failAtBatch) {
                throw new StoreUnavailableException(new IOException("connection refused"));
            }
            batches.add(files.size());
            return IngestionQueue.super.offerAll(files);
        }

        @Override
        public long recordRejected(String filename, String sourceCode, String origin, String hash, long size,
                                   String errorJson) {
            return storage.recordRejected(filename, sourceCode, origin, hash, size, errorJson);
        }
    };

    @Test
    void a_folder_is_queued_in_order_in_one_batch_with_each_file_told_what_became_of_it() throws IOException {
        Path a = write("a_01.json", "{\"a\": 1}");
        Path b = write("b_02.json", "{\"b\": 2}");
        Path same = write("c_03.json", "{\"a\": 1}");
        List<FileIntake.Queued> told = new ArrayList<>();

        intake(1024).offerFiles(List.of(a, b, same), told::add);

        assertThat(batches).containsExactly(3);
        assertThat(told).extracting(FileIntake.Queued::file).containsExactly(a, b, same);
        assertThat(told).extracting(q -> q.result().status()).containsExactly(FileIntake.Status.QUEUED,
                FileIntake.Status.QUEUED, FileIntake.Status.ALREADY_QUEUED);
        assertThat(storage.files()).extracting(InMemoryPipelineStorage.FileRow::filename)
                .containsExactly("a_01.json", "b_02.json");
        assertThat(storage.files()).extracting(InMemoryPipelineStorage.FileRow::origin).containsOnly("watch");
        assertThat(storage.files()).extracting(InMemoryPipelineStorage.FileRow::sourcePath)
                .containsExactly(a.toString(), b.toString());
    }

    @Test
    void a_file_too_large_or_gone_is_told_at_once_and_the_others_are_queued() throws IOException {
        Path large = write("big_01.json", "x".repeat(100));
        Path gone = folder.resolve("gone_02.json");
        Path fine = write("ok_03.json", "{}");
        List<FileIntake.Queued> told = new ArrayList<>();

        intake(50).offerFiles(List.of(large, gone, fine), told::add);

        assertThat(told).extracting(FileIntake.Queued::file).containsExactly(large, gone, fine);
        assertThat(told.get(0).result().status()).isEqualTo(FileIntake.Status.REJECTED);
        assertThat(told.get(0).result().detail()).contains("100 bytes, more than the limit of 50 bytes");
        assertThat(rejected).singleElement().asString().startsWith("big_01.json ").contains("more than the limit");
        assertThat(told.get(1).unreadable()).isInstanceOf(NoSuchFileException.class);
        assertThat(told.get(1).result()).isNull();
        assertThat(told.get(2).result().status()).isEqualTo(FileIntake.Status.QUEUED);
        assertThat(batches).containsExactly(1);
    }

    @Test
    void a_large_folder_goes_in_batches_and_an_outage_leaves_the_rest_untold() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < FileIntake.BATCH_FILES * 2 + 1; i++) {
            files.add(write(String.format("f_%03d.json", i), "{\"n\": " + i + "}"));
        }
        List<Path> told = new ArrayList<>();
        failAtBatch = 1;

        assertThatThrownBy(() -> intake(1024).offerFiles(files, q -> told.add(q.file())))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(told).as("the first batch was committed and told; the second was not queued")
                .isEqualTo(files.subList(0, FileIntake.BATCH_FILES));
        assertThat(storage.files()).hasSize(FileIntake.BATCH_FILES);

        failAtBatch = -1;
        batches.clear();
        told.clear();
        intake(1024).offerFiles(files.subList(FileIntake.BATCH_FILES, files.size()), q -> told.add(q.file()));
        assertThat(batches).containsExactly(FileIntake.BATCH_FILES, 1);
        assertThat(storage.files()).hasSize(files.size());
    }

    private FileIntake intake(long maxBytes) {
        return new FileIntake(queue, (name, path, content, error) -> rejected.add(name + " " + error), maxBytes);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }
}
