package org.eventdedup.worker.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.scoring.PreparedListing;
import org.eventdedup.worker.input.InputFileException;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.input.ParsedFile;
import org.eventdedup.worker.port.ClaimedFile;
import org.eventdedup.worker.port.PipelineTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a run claimed but left for the next one (a run stops taking files at its listing limit), read, parsed
 * and their listings prepared on a background thread while the run waits for PostgreSQL to store its rows, so the
 * next run starts with that work done. The next run takes only what still holds: the same file (id and name; a queued
 * file's bytes never change, their hash is unique), listings numbered from where it numbers them (else renumbered and
 * prepared again) and preparation under the same config. Anything else it does itself, as if nothing had been read
 * ahead; a failure here only means that.
 */
final class NextFiles {

    private static final Logger log = LoggerFactory.getLogger(NextFiles.class);

    /** Nothing read ahead. */
    static final NextFiles NONE = new NextFiles(CompletableFuture.completedFuture(Ahead.EMPTY));

    /** A file as read ahead: parsed, or refused with its problems (its bytes kept for the dead letters). */
    record File(ParsedFile parsed, InputFileException failure, byte[] content) {
    }

    private record Key(long id, String filename) {
    }

    private record Ahead(Map<Key, File> files, long firstOrder, String configFingerprint,
                         Map<Listing, PreparedListing> prepared) {
        static final Ahead EMPTY = new Ahead(Map.of(), 0, "", Map.of());
    }

    private final CompletableFuture<Ahead> ahead;

    private NextFiles(CompletableFuture<Ahead> ahead) {
        this.ahead = ahead;
    }

    /**
     * Starts reading ahead on a thread of its own.
     *
     * @param files             the files left for the next run, in the order it takes them
     * @param maxListings       the next run takes no more files after this many listings: neither does this
     * @param firstOrder        the ingestion order the next run will likely give its first listing
     * @param configFingerprint the config {@code prepare} follows
     */
    static NextFiles start(List<ClaimedFile> files, int maxListings, long firstOrder,
                           PipelineTransactions.CommittedReads reads, Function<Listing, PreparedListing> prepare,
                           String configFingerprint) {
        List<ClaimedFile> taken = List.copyOf(files);
        CompletableFuture<Ahead> work = CompletableFuture.supplyAsync(
                () -> read(taken, maxListings, firstOrder, reads, prepare, configFingerprint), task -> {
                    Thread thread = new Thread(task, "event-dedup-read-ahead");
                    thread.setDaemon(true);
                    thread.start();
                });
        return new NextFiles(work);
    }

    private static Ahead read(List<ClaimedFile> files, int maxListings, long firstOrder,
                              PipelineTransactions.CommittedReads reads, Function<Listing, PreparedListing> prepare,
                              String configFingerprint) {
        InputFileParser parser = new InputFileParser();
        Map<Key, File> parsed = new HashMap<>();
        List<Listing> listings = new ArrayList<>();
        long nextOrder = firstOrder;
        for (ClaimedFile file : files) {
            if (listings.size() >= maxListings) {
                break;
            }
            byte[] content = reads.read(store -> store.content(file.id()));
            try {
                ParsedFile one = parser.parse(file.filename(), content, nextOrder);
                nextOrder += one.listings().size();
                listings.addAll(one.listings());
                parsed.put(new Key(file.id(), file.filename()), new File(one, null, null));
            } catch (InputFileException e) {
                parsed.put(new Key(file.id(), file.filename()), new File(null, e, content));
            }
        }
        // on this one thread: the run itself and PostgreSQL have the other cores (in parallel it was no faster)
        List<PreparedListing> ready = listings.stream().map(prepare).toList();
        Map<Listing, PreparedListing> prepared = new IdentityHashMap<>(listings.size() * 2);
        for (int i = 0; i < listings.size(); i++) {
            prepared.put(listings.get(i), ready.get(i));
        }
        return new Ahead(Map.copyOf(parsed), firstOrder, configFingerprint, prepared);
    }

    /** Waits for the reading ahead; nothing when it failed. */
    private Ahead ahead() {
        try {
            return ahead.join();
        } catch (RuntimeException e) {
            log.debug("Reading the next files ahead failed; the run reads them itself: {}", e.toString());
            return Ahead.EMPTY;
        }
    }

    /**
     * The file as read ahead, its listings numbered from {@code firstOrder}; null when it was not read ahead.
     *
     * @param firstOrder the order the run gives this file's first listing
     */
    File take(ClaimedFile file, long firstOrder) {
        Ahead a = ahead();
        File found = a.files().get(new Key(file.id(), file.filename()));
        if (found == null || found.parsed() == null) {
            return found;
        }
        ParsedFile parsed = found.parsed();
        List<Listing> listings = parsed.listings();
        if (listings.isEmpty() || listings.get(0).ingestionOrder() == firstOrder) {
            return found;
        }
        long shift = firstOrder - listings.get(0).ingestionOrder();
        List<Listing> renumbered = listings.stream()
                .map(l -> PipelineRun.withOrder(l, l.ingestionOrder() + shift)).toList();
        return new File(new ParsedFile(parsed.fileName(), parsed.sourceCode(), parsed.metadata(), renumbered), null,
                null);
    }

    /** The listing as prepared ahead under {@code configFingerprint}; null when it was not (or otherwise). */
    PreparedListing prepared(Listing listing, String configFingerprint) {
        Ahead a = ahead();
        return a.configFingerprint().equals(Objects.requireNonNull(configFingerprint)) ? a.prepared().get(listing)
                : null;
    }
}
