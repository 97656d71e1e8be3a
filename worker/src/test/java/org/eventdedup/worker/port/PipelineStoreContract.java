package org.eventdedup.worker.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.matching.canonical.CanonicalEvent;
import org.eventdedup.matching.canonical.CanonicalSynthesizer;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.Location;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Signals;
import org.eventdedup.matching.model.Tier;
import org.eventdedup.matching.port.AiUsage;
import org.eventdedup.worker.input.ContentHash;
import org.eventdedup.worker.port.IngestionQueue.Outcome;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the worker's storage ports promises, run against the in-memory fake
 * ({@code InMemoryPipelineStoreTest}) and PostgreSQL ({@code JdbiPipelineStoreIT}) alike, so the run policy's unit
 * tests on the fake say something about production. Each test starts from empty storage.
 */
public abstract class PipelineStoreContract {

    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

    /** The unit of work over empty storage. */
    protected abstract PipelineTransactions transactions();

    /** The ingestion queue over the same storage. */
    protected abstract IngestionQueue queue();

    // ---- the ingestion queue

    @Test
    void the_queue_is_idempotent_by_content() {
        IngestionQueue.Offer first = queue().offer("bwb_01.json", "bwb", "watch", "/in/bwb_01.json", bytes("one"));
        assertThat(first.outcome()).isEqualTo(Outcome.QUEUED);
        assertThat(queue().offer("other-name.json", "other", "api", null, bytes("one")))
                .isEqualTo(new IngestionQueue.Offer(Outcome.ALREADY_QUEUED, first.ingestionId()));

        long run = transactions().inTransaction((PipelineStore s) -> {
            long id = s.insertRun(T0, "incremental", 1, "defaults", "f", "c");
            List<ClaimedFile> claimed = s.claimPending(10);
            assertThat(claimed).singleElement().satisfies(f -> {
                assertThat(f.filename()).isEqualTo("bwb_01.json");
                assertThat(f.sourcePath()).isEqualTo("/in/bwb_01.json");
                assertThat(new String(s.content(f.id()), StandardCharsets.UTF_8)).isEqualTo("one");
            });
            s.markCompleted(claimed.get(0).id(), 3, Map.of("sourceKey", "bwb"), id);
            return id;
        });
        assertThat(run).isPositive();
        assertThat(queue().offer("bwb_01.json", "bwb", "watch", null, bytes("one")))
                .isEqualTo(new IngestionQueue.Offer(Outcome.SKIPPED, first.ingestionId()));
        assertThat(transactions().inTransaction((PipelineStore s) -> s.claimPending(10))).isEmpty();
    }

    @Test
    void failed_bytes_are_queued_again_under_the_same_entry() {
        long id = queue().offer("bad_01.json", "bad", "watch", null, bytes("bad")).ingestionId();
        transactions().inTransaction((PipelineStore s) -> {
            long run = s.insertRun(T0, "incremental", 1, "defaults", "f", "c");
            s.markFailed(s.claimPending(1).get(0).id(), "{\"problems\": []}", run);
            return null;
        });
        assertThat(queue().offer("bad_01.json", "bad", "watch", null, bytes("bad")))
                .isEqualTo(new IngestionQueue.Offer(Outcome.QUEUED, id));
        assertThat(transactions().inTransaction((PipelineStore s) -> s.claimPending(5))).extracting(ClaimedFile::id)
                .containsExactly(id);
    }

    @Test
    void runs_claim_the_oldest_pending_files_up_to_their_limit() {
        long a = queue().offer("a.json", "a", "watch", null, bytes("a")).ingestionId();
        long b = queue().offer("b.json", "b", "watch", null, bytes("b")).ingestionId();
        queue().offer("c.json", "c", "watch", null, bytes("c"));
        assertThat(transactions().inTransaction((PipelineStore s) -> s.claimPending(2))).extracting(ClaimedFile::id)
                .containsExactly(a, b);
    }

    @Test
    void a_file_rejected_before_queueing_is_recorded_unless_its_bytes_were_ingested() {
        String hash = ContentHash.sha256(bytes("huge"));
        long id = queue().recordRejected("huge.json", "huge", "watch", hash, 4, "{\"status\": \"failed\"}");
        assertThat(id).isPositive();
        assertThat(queue().recordRejected("huge.json", "huge", "watch", hash, 4, "{\"status\": \"failed\"}"))
                .isEqualTo(id);
        assertThat(transactions().inTransaction((PipelineStore s) -> s.claimPending(5))).isEmpty();

        long done = queue().offer("ok.json", "ok", "watch", null, bytes("ok")).ingestionId();
        transactions().inTransaction((PipelineStore s) -> {
            s.markCompleted(done, 1, Map.of(), s.insertRun(T0, "incremental", 1, "defaults", "f", "c"));
            return null;
        });
        assertThat(queue().recordRejected("ok.json", "ok", "watch", ContentHash.sha256(bytes("ok")), 2, "{}"))
                .as("completed bytes stay as they are").isEqualTo(-1);
    }

    // ---- the run log

    @Test
    void the_previous_run_is_the_last_completed_one() {
        assertThat(transactions().inTransaction(RunLog::previousRun)).isEmpty();
        long first = transactions().inTransaction((PipelineStore s) -> {
            long id = s.insertRun(T0, "incremental", 3, "database", "fingerprint-3", "clustering-3");
            s.finishRun(id, T0.plusSeconds(1), Map.of("pairs", 2L), Map.of("total_ms", 5L), List.of("w"));
            s.insertAiUsage(id, "gemini-2.5-flash", new AiUsage(2, 1, 1, 0, 600, 50, 0, 0.0003));
            return id;
        });
        transactions().inTransaction((PipelineStore s) -> s.insertFailedRun(T0, T0.plusSeconds(2), 4L, "database", "fingerprint-4",
                List.of(), "boom"));

        assertThat(transactions().inTransaction(RunLog::previousRun))
                .contains(new PreviousRun(first, 3L, "fingerprint-3", "clustering-3"));
    }

    @Test
    void the_previous_run_carries_the_label_revision_it_applied() {
        long id = transactions().inTransaction((PipelineStore s) -> {
            long run = s.insertRun(T0, "incremental", 1, "defaults", "f", "c");
            s.recordLabelRevision(run, 17);
            s.finishRun(run, T0.plusSeconds(1), Map.of(), Map.of(), List.of());
            return run;
        });

        assertThat(transactions().inTransaction(RunLog::previousRun))
                .contains(new PreviousRun(id, 1L, "f", "c", 17));
    }

    @Test
    void a_run_is_running_until_it_finishes_or_fails_and_a_stale_one_is_marked_interrupted() {
        long stale = transactions().inTransaction((PipelineStore s) -> s.insertRun(T0, "incremental", 1, "defaults",
                "f", "c"));
        long failing = transactions().inTransaction((PipelineStore s) -> s.insertRun(T0, "full", 1, "defaults",
                "f", "c"));
        transactions().inTransaction((PipelineStore s) -> {
            s.failRun(failing, T0.plusSeconds(1), List.of("w"), "boom");
            return null;
        });
        assertThat(transactions().inTransaction(RunLog::previousRun)).as("neither completed").isEmpty();

        assertThat(transactions().inTransaction((PipelineStore s) -> s.interruptRunningRuns(T0.plusSeconds(9),
                "gone"))).as("only the running one").isEqualTo(1);
        assertThat(transactions().inTransaction((PipelineStore s) -> s.interruptRunningRuns(T0.plusSeconds(9),
                "gone"))).isZero();
        long done = transactions().inTransaction((PipelineStore s) -> {
            long id = s.insertRun(T0, "incremental", 2, "defaults", "g", "c");
            s.finishRun(id, T0.plusSeconds(10), Map.of(), Map.of(), List.of());
            return id;
        });
        assertThat(transactions().inTransaction(RunLog::previousRun)).contains(new PreviousRun(done, 2L, "g", "c"));
        assertThat(stale).isLessThan(failing).isLessThan(done);
    }

    // ---- listings

    @Test
    void listings_are_inserted_and_only_changed_ones_updated() {
        long file = queue().offer("f.json", "f", "watch", null, bytes("f")).ingestionId();
        StoredListing one = stored(listing("bwb-1", "Umzug", 1), "gengenbach", "2026-02-14");
        StoredListing two = stored(listing("bwb-2", "Konzert", 2), "lahr", "2026-02-15");
        Map<String, Long> files = Map.of("bwb-1", file, "bwb-2", file);

        assertThat(transactions().inTransaction((PipelineStore s) -> s.upsertListings(List.of(one, two), files, "k1")))
                .containsExactlyInAnyOrder("bwb-1", "bwb-2");
        assertThat(transactions().inTransaction((PipelineStore s) -> s.upsertListings(List.of(one, two), files, "k1")))
                .as("the same listings with keys of the same config").isEmpty();
        StoredListing retitled = stored(listing("bwb-2", "Konzert im Park", 2), "lahr", "2026-02-15");
        assertThat(transactions().inTransaction((PipelineStore s) -> s.upsertListings(List.of(one, retitled), files, "k1")))
                .containsExactly("bwb-2");
        assertThat(transactions().inTransaction((PipelineStore s) -> s.upsertListings(List.of(one), files, "k2")))
                .as("keys of another config").containsExactly("bwb-1");

        assertThat(transactions().inTransaction(ListingStore::maxIngestionOrder)).isEqualTo(2);
        assertThat(transactions().inTransaction((PipelineStore s) -> s.ingestionOrders(List.of("bwb-2", "nope"))))
                .isEqualTo(Map.of("bwb-2", 2L));
        assertThat(transactions().inTransaction((PipelineStore s) -> s.loadListings(List.of("bwb-2")))).singleElement()
                .extracting(Listing::title).isEqualTo("Konzert im Park");
    }

    @Test
    void listings_page_and_stream_in_code_point_order() {
        long file = queue().offer("f.json", "f", "watch", null, bytes("f")).ingestionId();
        List<StoredListing> listings = new ArrayList<>();
        String[] ids = {"a-2", "a-10", "B-1", "a-1", "ä-1"};
        for (int i = 0; i < ids.length; i++) {
            listings.add(stored(listing(ids[i], "T " + i, i + 1), "lahr", "2026-02-15"));
        }
        Map<String, Long> fileIds = new java.util.HashMap<>();
        for (String id : ids) {
            fileIds.put(id, file);
        }
        transactions().inTransaction((PipelineStore s) -> s.upsertListings(listings, fileIds, "k"));

        assertThat(transactions().inTransaction((PipelineStore s) -> s.listingsKeyedOtherThan("other", null, 3)))
                .extracting(Listing::id).containsExactly("B-1", "a-1", "a-10");
        assertThat(transactions().inTransaction((PipelineStore s) -> s.listingsKeyedOtherThan("other", "a-10", 10)))
                .extracting(Listing::id).containsExactly("a-2", "ä-1");
        assertThat(transactions().inTransaction((PipelineStore s) -> s.listingsKeyedOtherThan("k", null, 10)))
                .as("all keyed under k already").isEmpty();
        List<String> all = new ArrayList<>();
        transactions().inTransaction((PipelineStore s) -> {
            s.forEachListingId(all::add);
            return null;
        });
        assertThat(all).containsExactly("B-1", "a-1", "a-10", "a-2", "ä-1");
    }

    @Test
    void listings_are_found_by_shared_keys_and_by_block_day() {
        long file = queue().offer("f.json", "f", "watch", null, bytes("f")).ingestionId();
        StoredListing x = stored(listing("x", "X", 1), "lahr", "2026-02-15", "2026-02-16");
        StoredListing y = stored(listing("y", "Y", 2), "lahr", "2026-02-16");
        StoredListing z = stored(listing("z", "Z", 3), "emmendingen", "2026-02-16");
        transactions().inTransaction((PipelineStore s) -> s.upsertListings(List.of(x, y, z), Map.of("x", file, "y", file, "z", file),
                "k"));

        assertThat(transactions().inTransaction((PipelineStore s) -> s.listingsSharingKeys(List.of("dc|2026-02-16|lahr"),
                List.of("x")))).extracting(Listing::id).containsExactly("y");
        assertThat(transactions().inTransaction((PipelineStore s) -> s.listingsSharingKeys(List.of(), List.of()))).isEmpty();
        assertThat(transactions().inTransaction(ListingStore::blockDays))
                .containsExactly(LocalDate.parse("2026-02-15"), LocalDate.parse("2026-02-16"));
        assertThat(transactions().inTransaction((PipelineStore s) -> s.listingsBlockedOn(LocalDate.parse("2026-02-16"),
                Set.of())))
                .extracting(Listing::id).containsExactlyInAnyOrder("x", "y", "z");
        assertThat(transactions().inTransaction((PipelineStore s) -> s.listingsBlockedOn(LocalDate.parse("2026-02-16"),
                Set.of("y", "unknown")))).extracting(Listing::id).containsExactlyInAnyOrder("x", "z");

        StoredListing moved = stored(x.listing(), "kenzingen", "2026-02-20");
        transactions().inTransaction((PipelineStore s) -> {
            s.updateKeys(List.of(moved), "k2");
            return null;
        });
        assertThat(transactions().inTransaction((PipelineStore s) -> s.listingsBlockedOn(LocalDate.parse("2026-02-15"),
                Set.of()))).isEmpty();
        assertThat(transactions().inTransaction((PipelineStore s) -> s.listingsSharingKeys(List.of("dc|2026-02-20|kenzingen"),
                List.of()))).extracting(Listing::id).containsExactly("x");
        assertThat(transactions().inTransaction((PipelineStore s) -> s.upsertListings(List.of(moved), Map.of("x", file), "k2")))
                .as("keys already of that config").isEmpty();
        assertThat(transactions().inTransaction((PipelineStore s) -> s.listingsKeyedOtherThan("k2", null, 10)))
                .extracting(Listing::id).containsExactly("y", "z");
    }

    @Test
    void ids_and_keys_with_tabs_quotes_and_backslashes_are_stored_as_they_are() {
        String odd = "x\t\"1\"\\n\nzä😀";
        String plain = "y";
        long file = queue().offer("f.json", "f", "watch", null, bytes("odd")).ingestionId();
        Listing oddListing = new Listing(odd, "bwb", "terminliste", "Tab\tund \\ \"Zitat\"", null, "Zeile 1\nZeile 2",
                List.of(), new Location("Marktplatz", "Lahr", null, null, null, null, null),
                List.of(new EventDate(LocalDate.of(2026, 2, 15), LocalTime.of(14, 0), null, null)), List.of("fest"),
                null, null, null, null, null, null, 1);
        StoredListing a = new StoredListing(oddListing, "la\"hr", List.of("dc|2026-02-15|la\"hr\\", "k,{x}"),
                List.of(LocalDate.parse("2026-02-15")), LocalDate.parse("2026-02-15"), LocalDate.parse("2026-02-15"));
        StoredListing b = stored(listing(plain, "Y", 2), "lahr", "2026-02-15");
        assertThat(transactions().inTransaction((PipelineStore s) -> s.upsertListings(List.of(a, b),
                Map.of(odd, file, plain, file), "k"))).containsExactlyInAnyOrder(odd, plain);

        assertThat(transactions().inTransaction((PipelineStore s) -> s.listingsSharingKeys(List.of("k,{x}"),
                List.of()))).containsExactly(oddListing);
        assertThat(transactions().inTransaction((PipelineStore s) -> s.listingsSharingKeys(
                List.of("dc|2026-02-15|la\"hr\\"), List.of(plain)))).extracting(Listing::id).containsExactly(odd);
        PairDecision d = new PairDecision(odd, plain, new Signals(1e-300, 0.5, 1, 0), 0.25, Decision.MATCH,
                Tier.DETERMINISTIC);
        transactions().inTransaction((PipelineStore s) -> {
            s.insertDecisions(List.of(d), 1);
            return null;
        });
        assertThat(transactions().inTransaction((PipelineStore s) -> s.decisionsWithin(List.of(odd, plain))))
                .containsExactly(d);
        CanonicalEvent event = event(oddListing);
        long id = transactions().inTransaction((PipelineStore s) -> {
            long created = s.insertCanonicals(List.of(event), 1).get(0);
            s.replaceLinks(List.of(odd), Map.of(created, List.of(odd)));
            return created;
        });
        assertThat(transactions().inTransaction((PipelineStore s) -> s.canonicalsHolding(List.of(odd))))
                .isEqualTo(Map.of(id, List.of(odd)));
        assertThat(transactions().inTransaction((PipelineStore s) -> s.updateCanonicals(Map.of(id, event), 2)))
                .as("stored exactly: its content hash matches").isEmpty();
    }

    @Test
    void new_listings_are_inserted_and_a_stored_id_is_refused() {
        long file = queue().offer("f.json", "f", "watch", null, bytes("f")).ingestionId();
        StoredListing a = stored(listing("a", "A", 1), "lahr", "2026-02-15");
        transactions().inTransaction((PipelineStore s) -> {
            s.insertListings(List.of(a), Map.of("a", file), "k");
            return null;
        });
        assertThat(transactions().inTransaction((PipelineStore s) -> s.loadListings(List.of("a"))))
                .containsExactly(a.listing());
        assertThatThrownBy(() -> transactions().inTransaction((PipelineStore s) -> {
            s.insertListings(List.of(stored(listing("a", "A again", 1), "lahr", "2026-02-15")), Map.of("a", file),
                    "k");
            return null;
        })).isInstanceOf(RuntimeException.class);
        assertThat(transactions().inTransaction((PipelineStore s) -> s.upsertListings(List.of(a), Map.of("a", file),
                "k"))).as("unchanged").isEmpty();
    }

    @Test
    void a_decision_inserted_twice_is_refused() {
        storeListings("a", "b");
        transactions().inTransaction((PipelineStore s) -> {
            s.insertDecisions(List.of(decision("a", "b", Decision.MATCH)), 1);
            return null;
        });
        assertThatThrownBy(() -> transactions().inTransaction((PipelineStore s) -> {
            s.insertDecisions(List.of(decision("a", "b", Decision.NO_MATCH)), 2);
            return null;
        })).isInstanceOf(RuntimeException.class);
        assertThat(transactions().inTransaction((PipelineStore s) -> s.decisionsWithin(List.of("a", "b"))))
                .extracting(PairDecision::decision).containsExactly(Decision.MATCH);
    }

    // ---- decisions

    @Test
    void a_pair_decided_again_replaces_its_decision() {
        storeListings("a", "b", "c", "d");
        transactions().inTransaction((PipelineStore s) -> {
            s.upsertDecisions(List.of(decision("a", "b", Decision.MATCH), decision("b", "c", Decision.AMBIGUOUS),
                    decision("c", "d", Decision.MATCH)), 1);
            s.upsertDecisions(List.of(decision("b", "c", Decision.MATCH)), 2);
            return null;
        });

        assertThat(edges(s -> s.matchEdgesTouching(List.of("b")))).containsExactlyInAnyOrder("a|b", "b|c");
        List<String> all = new ArrayList<>();
        transactions().inTransaction((PipelineStore s) -> {
            s.forEachMatchEdge(e -> all.add(e[0] + "|" + e[1]));
            return null;
        });
        assertThat(all).containsExactlyInAnyOrder("a|b", "b|c", "c|d");
        assertThat(transactions().inTransaction((PipelineStore s) -> s.decisionsWithin(List.of("a", "b", "c"))))
                .extracting(d -> d.a() + "|" + d.b() + " " + d.decision())
                .containsExactlyInAnyOrder("a|b MATCH", "b|c MATCH");

        transactions().inTransaction((PipelineStore s) -> {
            s.deleteDecisionsTouching(List.of("a"));
            return null;
        });
        assertThat(edges(s -> s.matchEdgesTouching(List.of("a", "b")))).doesNotContain("a|b").contains("b|c");
        transactions().inTransaction((PipelineStore s) -> {
            s.deleteDecisions(List.of(new String[] {"b", "c"}, new String[] {"a", "d"}));
            return null;
        });
        assertThat(transactions().inTransaction((PipelineStore s) -> s.decisionsWithin(List.of("a", "b", "c", "d"))))
                .extracting(d -> d.a() + "|" + d.b()).containsExactly("c|d");
    }

    @Test
    void decisions_stream_in_pair_order_with_their_outcomes() {
        storeListings("b", "a-10", "a-2", "ä");
        PairDecision exact = new PairDecision("a-10", "b", new Signals(0.1, 1.0 / 3, 2e-9, Math.PI), 0.123456789012345,
                Decision.AMBIGUOUS, Tier.DETERMINISTIC);
        transactions().inTransaction((PipelineStore s) -> {
            s.upsertDecisions(List.of(decision("b", "ä", Decision.MATCH), decision("a-2", "b", Decision.NO_MATCH),
                    exact, decision("a-10", "a-2", Decision.MATCH)), 1);
            return null;
        });
        List<String> all = new ArrayList<>();
        transactions().inTransaction((PipelineStore s) -> {
            s.forEachOutcome((a, b, outcome) -> all.add(a + "|" + b + " " + outcome));
            return null;
        });
        assertThat(all).containsExactly("a-10|a-2 " + DecisionOutcome.of(decision("a-10", "a-2", Decision.MATCH)),
                "a-10|b " + DecisionOutcome.of(exact),
                "a-2|b " + DecisionOutcome.of(decision("a-2", "b", Decision.NO_MATCH)),
                "b|ä " + DecisionOutcome.of(decision("b", "ä", Decision.MATCH)));
        assertThat(DecisionOutcome.of(exact)).as("any signal counts")
                .isNotEqualTo(DecisionOutcome.of(new PairDecision("a-10", "b", new Signals(0.1, 1.0 / 3, 2e-9,
                        Math.nextUp(Math.PI)), 0.123456789012345, Decision.AMBIGUOUS, Tier.DETERMINISTIC)));
        assertThat(transactions().inTransaction((PipelineStore s) -> s.decisionsWithin(List.of("a-10", "b"))))
                .as("signals and score come back exactly").containsExactly(exact);
    }

    // ---- canonical events

    @Test
    void canonical_events_prepared_ahead_are_stored_as_those_written_directly() {
        storeListings("a", "b");
        CanonicalEvent a = event(listing("a", "Umzug", 1));
        CanonicalEvent b = event(listing("b", "Konzert", 2));
        CanonicalEvent changed = event(listing("b", "Großes Konzert", 2));
        long[] ids = transactions().inTransaction((PipelineStore s) -> {
            s.prepareCanonicals(List.of(a, changed));
            List<Long> inserted = s.insertCanonicals(List.of(a, b), 1);
            return new long[] {inserted.get(0), inserted.get(1)};
        });
        assertThat(transactions().inTransaction((PipelineStore s) -> s.updateCanonicals(Map.of(ids[0], a), 2)))
                .as("prepared, then stored: the same content hash as rendered now").isEmpty();
        assertThat(transactions().inTransaction((PipelineStore s) -> {
            s.prepareCanonicals(List.of(changed));
            return s.updateCanonicals(Map.of(ids[1], changed, ids[0], a), 2);
        })).containsExactly(ids[1]);
        assertThat(transactions().inTransaction((PipelineStore s) -> s.updateCanonicals(Map.of(ids[1], changed), 3)))
                .as("the prepared content was written").isEmpty();
    }

    @Test
    void canonical_events_keep_their_members_and_count_changes() {
        storeListings("a", "b", "c");
        CanonicalEvent ab = event(listing("a", "Umzug", 1), listing("b", "Umzug", 2));
        CanonicalEvent c = event(listing("c", "Konzert", 3));
        long[] ids = transactions().inTransaction((PipelineStore s) -> {
            List<Long> inserted = s.insertCanonicals(List.of(ab, c), 1);
            long first = inserted.get(0);
            long second = inserted.get(1);
            s.replaceLinks(List.of("a", "b", "c"), Map.of(first, List.of("b", "a"), second, List.of("c")));
            return new long[] {first, second};
        });
        assertThat(ids[0]).isNotEqualTo(ids[1]);
        assertThat(transactions().inTransaction((PipelineStore s) -> s.canonicalsHolding(List.of("a"))))
                .isEqualTo(Map.of(ids[0], List.of("a", "b")));
        assertThat(transactions().inTransaction((PipelineStore s) -> s.updateCanonicals(Map.of(ids[0], ab), 2)))
                .as("unchanged").isEmpty();
        assertThat(transactions().inTransaction((PipelineStore s) -> s.updateCanonicals(Map.of(ids[0],
                event(listing("a", "Großer Umzug", 1), listing("b", "Umzug", 2)), ids[1], c), 2)))
                .containsExactly(ids[0]);

        transactions().inTransaction((PipelineStore s) -> {
            s.replaceLinks(List.of("b"), Map.of(ids[1], List.of("b")));
            return null;
        });
        assertThat(transactions().inTransaction((PipelineStore s) -> s.canonicalsHolding(List.of("a", "c"))))
                .containsExactly(Map.entry(ids[0], List.of("a")), Map.entry(ids[1], List.of("b", "c")));

        transactions().inTransaction((PipelineStore s) -> {
            s.deleteCanonicals(List.of(ids[0]));
            return null;
        });
        List<String> links = new ArrayList<>();
        transactions().inTransaction((PipelineStore s) -> {
            s.forEachLink((canonical, listing) -> links.add(canonical + ":" + listing));
            return null;
        });
        assertThat(links).containsExactlyInAnyOrder(ids[1] + ":b", ids[1] + ":c");
    }

    // ---- the unit of work

    @Test
    void a_transaction_that_throws_leaves_nothing_behind() {
        long file = queue().offer("f.json", "f", "watch", null, bytes("f")).ingestionId();
        assertThatThrownBy(() -> transactions().inTransaction((PipelineStore s) -> {
            long run = s.insertRun(T0, "incremental", 1, "defaults", "f", "c");
            s.claimPending(1);
            s.markCompleted(file, 1, Map.of(), run);
            s.upsertListings(List.of(stored(listing("x", "X", 1), "lahr", "2026-02-15")), Map.of("x", file), "k");
            s.finishRun(run, T0, Map.of(), Map.of(), List.of());
            throw new IllegalStateException("cut off");
        })).hasMessage("cut off");

        assertThat(transactions().inTransaction(RunLog::previousRun)).isEmpty();
        assertThat(transactions().inTransaction(ListingStore::maxIngestionOrder)).isZero();
        assertThat(transactions().inTransaction((PipelineStore s) -> s.claimPending(5))).extracting(ClaimedFile::id)
                .as("the file is still queued").containsExactly(file);
    }

    // ---- helpers

    private List<String> edges(java.util.function.Function<PipelineStore, List<String[]>> query) {
        return transactions().inTransaction(query).stream().map(e -> e[0] + "|" + e[1]).distinct().toList();
    }

    private void storeListings(String... ids) {
        storeListings(queue(), transactions(), ids);
    }

    /** Stores listings with these ids (titles "T " + id) from one queued file, for stores that need them. */
    static void storeListings(IngestionQueue queue, PipelineTransactions transactions, String... ids) {
        long file = queue.offer("f.json", "f", "watch", null, bytes(String.join(",", ids))).ingestionId();
        List<StoredListing> listings = new ArrayList<>();
        Map<String, Long> files = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            listings.add(stored(listing(ids[i], "T " + ids[i], i + 1), "lahr", "2026-02-15"));
            files.put(ids[i], file);
        }
        transactions.inTransaction((PipelineStore s) -> s.upsertListings(listings, files, "k"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static Listing listing(String id, String title, long order) {
        return new Listing(id, "bwb", "terminliste", title, null, "Beschreibung von " + title, List.of(),
                new Location("Marktplatz", "Lahr", null, null, null, null, null),
                List.of(new EventDate(LocalDate.of(2026, 2, 15), LocalTime.of(14, 0), null, null)), List.of("fest"),
                null, null, null, null, null, null, order);
    }

    /** A listing blocked by city on each of {@code days}. */
    protected static StoredListing stored(Listing listing, String city, String... days) {
        List<String> keys = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        for (String day : days) {
            keys.add("dc|" + day + "|" + city);
            dates.add(LocalDate.parse(day));
        }
        return new StoredListing(listing, city, keys, dates, dates.get(0), dates.get(dates.size() - 1));
    }

    private static PairDecision decision(String a, String b, Decision decision) {
        return new PairDecision(a, b, new Signals(0.9, 0.8, 0.7, 0.6), 0.77, decision, Tier.DETERMINISTIC);
    }

    private static CanonicalEvent event(Listing... sources) {
        return new CanonicalSynthesizer(MatchingConfig.DEFAULT.canonical()).synthesize(List.of(sources));
    }
}
