package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.config.adapter.persistence.ConfigDocuments.defaults;
import static org.eventdedup.config.adapter.persistence.ConfigDocuments.nonDefault;
import static org.eventdedup.config.adapter.persistence.ConfigDocuments.stored;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eventdedup.config.domain.model.Change;
import org.eventdedup.config.domain.port.out.ConfigRepository;
import org.eventdedup.config.domain.testing.InMemoryConfigRepository;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Domain tests run against the in-memory fake; this keeps the fake honest about what the database does. */
@ExtendWith(FreshDatabaseExtension.class)
class SameAnswersAsInMemoryFakeIT {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00.000001Z");

    @Test
    void a_scripted_session_gets_the_same_answers_from_both(PersistenceModule persistence) {
        List<Object> fake = play(new InMemoryConfigRepository());
        List<Object> jdbi = play(persistence.configRepository());

        assertThat(jdbi).containsExactlyElementsOf(fake);
    }

    private static List<Object> play(ConfigRepository r) {
        List<Function<ConfigRepository, Object>> script = List.of(
                x -> x.load(),
                x -> x.currentVersion(),
                x -> x.replaceEncryptedApiKey(null, "k0"),
                x -> x.save(1, stored(defaults(), 2, null, T0), List.of()),
                x -> x.save(0, stored(defaults(), 1, null, T0), List.of(new Change("/", null, "created"))),
                x -> x.save(0, stored(nonDefault(), 1, "k1", T0), List.of()),
                x -> x.save(1, stored(nonDefault(), 2, "k1", T0.plusMillis(1)),
                        List.of(new Change("/thresholds/high", 0.75, 0.8), new Change(Change.API_KEY_PATH, null,
                                "set"))),
                x -> x.save(-1, stored(nonDefault(), 0, null, T0), List.of()),
                x -> x.save(1, stored(nonDefault(), 7, null, T0), List.of()),
                x -> x.replaceEncryptedApiKey("wrong", "k2"),
                x -> x.replaceEncryptedApiKey("k1", "k2"),
                x -> x.load(),
                x -> x.currentVersion(),
                x -> x.history(10, null),
                x -> x.history(1, null),
                x -> x.history(5, 2L),
                x -> x.history(0, null),
                x -> x.version(1),
                x -> x.version(2),
                x -> x.version(3));
        List<Object> answers = new ArrayList<>();
        for (Function<ConfigRepository, Object> step : script) {
            answers.add(step.apply(r));
        }
        return answers;
    }
}
