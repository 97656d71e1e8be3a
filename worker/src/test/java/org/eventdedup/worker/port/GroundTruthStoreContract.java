package org.eventdedup.worker.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.junit.jupiter.api.Test;

/** What every ground truth store promises; run on the in-memory fake and on PostgreSQL. Each test starts empty. */
public abstract class GroundTruthStoreContract {

    protected abstract GroundTruthStore store();

    protected abstract PipelineTransactions transactions();

    protected abstract IngestionQueue queue();

    @Test
    void nothing_is_stored_before_the_first_import() {
        assertThat(store().summary()).isEqualTo(new GroundTruthStore.Summary(0, 0, null, null));
    }

    @Test
    void an_import_keeps_stored_listings_only_and_reports_the_others_in_code_point_order() {
        storeListings("a-1", "a-2", "b-1");
        GroundTruth truth = new GroundTruth(Set.of(new IdPair("a-1", "a-2"), new IdPair("a-1", "zz-9")),
                Set.of("a-1", "a-2", "b-1", "zz-9", "Z-1"), 0);

        GroundTruthStore.Imported imported = store().replace(truth, "alice");

        assertThat(imported).isEqualTo(new GroundTruthStore.Imported(1, 3, List.of("Z-1", "zz-9"), 2, 1));
        GroundTruthStore.Summary summary = store().summary();
        assertThat(summary.pairs()).isEqualTo(1);
        assertThat(summary.listings()).isEqualTo(3);
        assertThat(summary.importedBy()).isEqualTo("alice");
        assertThat(summary.importedAt()).isNotNull();
    }

    @Test
    void an_import_replaces_the_previous_truth_as_a_whole() {
        storeListings("a-1", "a-2", "b-1", "b-2");
        store().replace(new GroundTruth(Set.of(new IdPair("a-1", "a-2")), Set.of("a-1", "a-2"), 0), "alice");

        store().replace(new GroundTruth(Set.of(new IdPair("b-1", "b-2")), Set.of("b-1", "b-2", "a-1"), 0), "bob");

        GroundTruthStore.Summary summary = store().summary();
        assertThat(summary.pairs()).isEqualTo(1);
        assertThat(summary.listings()).isEqualTo(3);
        assertThat(summary.importedBy()).isEqualTo("bob");
    }

    protected void storeListings(String... ids) {
        PipelineStoreContract.storeListings(queue(), transactions(), ids);
    }
}
