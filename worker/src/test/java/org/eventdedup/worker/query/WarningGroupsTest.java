package org.eventdedup.worker.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarningGroupsTest {

    @Test
    void alike_warnings_become_one_group_with_their_count_and_the_first_examples() {
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            warnings.add("AI pair (a" + i + ", b" + i + ") failed: HTTP 503 UNAVAILABLE (gave up after 4 attempts)");
        }
        warnings.add("bad_01.json rejected to dead letters: 3 problems");
        warnings.add("bad_02.json rejected to dead letters: 1 problem");
        warnings.add("emt_05.json: 2 event(s) without dates stored as singletons (cannot be blocked): x, y");

        List<WarningGroups.Group> groups = WarningGroups.of(warnings);

        assertThat(groups).extracting(WarningGroups.Group::kind).containsExactly("AI pair (…) failed",
                "FILE rejected to dead letters", "FILE: N event(…) without dates stored as singletons (…)");
        assertThat(groups).extracting(WarningGroups.Group::count).containsExactly(260, 2, 1);
        assertThat(groups.get(0).examples()).hasSize(WarningGroups.EXAMPLES).first().asString()
                .startsWith("AI pair (a0, b0)");
        assertThat(groups.get(1).examples()).containsExactly("bad_01.json rejected to dead letters: 3 problems",
                "bad_02.json rejected to dead letters: 1 problem");
    }

    @Test
    void no_warnings_no_groups() {
        assertThat(WarningGroups.of(List.of())).isEmpty();
    }
}
