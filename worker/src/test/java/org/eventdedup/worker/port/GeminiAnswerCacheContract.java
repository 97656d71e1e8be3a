package org.eventdedup.worker.port;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What every AI answer cache promises; run on the in-memory fake and on PostgreSQL. Each test starts empty. */
public abstract class GeminiAnswerCacheContract {

    private static final String HASH = "a".repeat(64);

    protected abstract GeminiAnswerCache cache();

    @Test
    void an_answer_is_found_by_content_and_model_only() {
        CachedAnswer answer = new CachedAnswer(HASH, "gemini-2.5-flash", "x-1", "y-1", "same", 0.9, "same title");
        cache().put(answer);

        assertThat(cache().get(HASH, "gemini-2.5-flash")).contains(answer);
        assertThat(cache().get(HASH, "gemini-2.5-pro")).as("another model asks again").isEmpty();
        assertThat(cache().get("b".repeat(64), "gemini-2.5-flash")).isEmpty();
    }

    @Test
    void answers_of_two_models_are_both_kept_and_a_new_answer_of_one_replaces_its_own() {
        cache().put(new CachedAnswer(HASH, "m1", "x-1", "y-1", "same", 0.9, null));
        cache().put(new CachedAnswer(HASH, "m2", "x-1", "y-1", "different", 0.7, null));
        CachedAnswer newer = new CachedAnswer(HASH, "m1", "x-2", "y-2", "different", 0.8, "changed its mind");
        cache().put(newer);

        assertThat(cache().get(HASH, "m1")).contains(newer);
        assertThat(cache().get(HASH, "m2")).hasValueSatisfying(a -> assertThat(a.decision()).isEqualTo("different"));
    }
}
