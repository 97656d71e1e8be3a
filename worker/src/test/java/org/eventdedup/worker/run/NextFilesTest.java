package org.eventdedup.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.scoring.ListingPreparer;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.port.ClaimedFile;
import org.eventdedup.worker.port.PipelineStore;
import org.eventdedup.worker.port.PipelineTransactions;
import org.eventdedup.worker.testing.InMemoryPipelineStorage;
import org.junit.jupiter.api.Test;

class NextFilesTest {

    private final InMemoryPipelineStorage storage = new InMemoryPipelineStorage();
    private final ListingPreparer preparer = new ListingPreparer(Lexicon.EMPTY, MatchingConfig.DEFAULT);
    private final AtomicInteger reads = new AtomicInteger();
    private final PipelineTransactions.CommittedReads committed = new PipelineTransactions.CommittedReads() {
        @Override
        public <T> T read(Function<PipelineStore, T> work) {
            reads.incrementAndGet();
            return storage.inTransaction(work);
        }
    };

    @Test
    void files_are_parsed_and_prepared_ahead_as_the_run_would_number_them() {
        List<ClaimedFile> files = queue("bwb_01.json", "emt_02.json");

        NextFiles ahead = NextFiles.start(files, 100, 41, committed, preparer::prepare, "config-a");

        NextFiles.File first = ahead.take(files.get(0), 41);
        NextFiles.File second = ahead.take(files.get(1), 43);
        assertThat(first.failure()).isNull();
        assertThat(first.parsed().listings()).extracting(Listing::ingestionOrder).containsExactly(41L, 42L);
        assertThat(second.parsed().listings()).extracting(Listing::ingestionOrder).containsExactly(43L, 44L);
        Listing listing = first.parsed().listings().get(0);
        assertThat(ahead.prepared(listing, "config-a").listing()).isSameAs(listing);
        assertThat(ahead.prepared(listing, "config-b")).as("prepared under another config: not used").isNull();
        assertThat(reads).hasValue(2);
    }

    @Test
    void listings_numbered_otherwise_are_renumbered_and_prepared_again_by_the_run() {
        List<ClaimedFile> files = queue("bwb_01.json");

        NextFiles ahead = NextFiles.start(files, 100, 41, committed, preparer::prepare, "config-a");
        NextFiles.File file = ahead.take(files.get(0), 50);

        assertThat(file.parsed().listings()).extracting(Listing::ingestionOrder).containsExactly(50L, 51L);
        assertThat(file.parsed().listings()).extracting(Listing::id).containsExactly("bwb-umzug", "bwb-konzert");
        assertThat(ahead.prepared(file.parsed().listings().get(0), "config-a"))
                .as("a renumbered listing is not the one prepared ahead").isNull();
    }

    @Test
    void reading_ahead_stops_where_the_next_run_stops_taking_files() {
        List<ClaimedFile> files = queue("bwb_01.json", "emt_02.json", "rkb_03.json");

        NextFiles ahead = NextFiles.start(files, 2, 1, committed, preparer::prepare, "config-a");

        assertThat(ahead.take(files.get(0), 1)).isNotNull();
        assertThat(ahead.take(files.get(1), 3)).as("the next run takes no file after 2 listings").isNull();
        assertThat(reads).hasValue(1);
    }

    @Test
    void a_refused_file_keeps_its_problems_and_bytes_for_the_dead_letters() {
        List<ClaimedFile> files = queue("broken_04.json", "bwb_01.json");

        NextFiles ahead = NextFiles.start(files, 100, 1, committed, preparer::prepare, "config-a");

        NextFiles.File broken = ahead.take(files.get(0), 1);
        assertThat(broken.parsed()).isNull();
        assertThat(broken.failure().problems()).hasSize(3);
        assertThat(broken.content()).isEqualTo(fixture("broken_04.json"));
        assertThat(ahead.take(files.get(1), 1).parsed().listings()).extracting(Listing::ingestionOrder)
                .as("a refused file takes no orders").containsExactly(1L, 2L);
    }

    @Test
    void another_file_under_the_same_id_or_a_failed_read_gives_nothing_and_the_run_reads_itself() {
        List<ClaimedFile> files = queue("bwb_01.json");
        NextFiles ahead = NextFiles.start(files, 100, 1, committed, preparer::prepare, "config-a");
        ClaimedFile renamed = new ClaimedFile(files.get(0).id(), "bwb_99.json", null);
        assertThat(ahead.take(renamed, 1)).isNull();

        PipelineTransactions.CommittedReads failing = new PipelineTransactions.CommittedReads() {
            @Override
            public <T> T read(Function<PipelineStore, T> work) {
                throw new IllegalStateException("connection lost");
            }
        };
        NextFiles failed = NextFiles.start(files, 100, 1, failing, preparer::prepare, "config-a");
        assertThat(failed.take(files.get(0), 1)).isNull();
        assertThat(NextFiles.NONE.take(files.get(0), 1)).isNull();
    }

    private List<ClaimedFile> queue(String... names) {
        for (String name : names) {
            storage.offer(name, InputFileParser.sourceCode(name), "test", null, fixture(name));
        }
        return storage.inTransaction(store -> store.claimPending(10));
    }

    private static byte[] fixture(String name) {
        try (var in = NextFilesTest.class.getResourceAsStream("/pipeline/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
