package org.eventdedup.worker.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

    @Test
    void writes_run_in_the_order_submitted_off_the_calling_thread_and_await_waits_for_all() throws Exception {
        WriteBehind writes = new WriteBehind();
        List<String> done = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        writes.submit(() -> {
            await(release);
            done.add("listings" + (Thread.currentThread() == caller ? " on the caller" : ""));
        });
        writes.submit(() -> done.add("decisions"));

        assertThat(done).as("the caller goes on while the first write waits").isEmpty();
        release.countDown();
        writes.await();

        assertThat(done).containsExactly("listings", "decisions");
    }

    @Test
    void a_failed_write_skips_the_later_ones_and_await_rethrows_it() {
        WriteBehind writes = new WriteBehind();
        List<String> done = new CopyOnWriteArrayList<>();
        writes.submit(() -> {
            throw new IllegalStateException("COPY failed");
        });
        writes.submit(() -> done.add("decisions"));

        assertThatThrownBy(writes::await).isInstanceOf(IllegalStateException.class).hasMessage("COPY failed");
        writes.awaitQuietly();
        assertThat(done).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
