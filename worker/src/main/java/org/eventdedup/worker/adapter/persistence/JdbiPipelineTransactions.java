package org.eventdedup.worker.adapter.persistence;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.eventdedup.worker.port.PipelineStore;
import org.eventdedup.worker.port.PipelineTransactions;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A pipeline run's unit of work as one PostgreSQL transaction. A transaction started inside another one (a run
 * commits its "running" row from inside its own transaction) gets a connection of its own and commits on its own:
 * {@code Jdbi.inTransaction} would join the transaction already open on this thread, so the nested one runs on a
 * short-lived thread of its own.
 */
public final class JdbiPipelineTransactions implements PipelineTransactions {

    private final Jdbi jdbi;
    /** Whether this thread is inside one of this object's transactions. */
    private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);

    public JdbiPipelineTransactions(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public <T> T inTransaction(Function<PipelineStore, T> work) {
        if (inside.get()) {
            try {
                return CompletableFuture.supplyAsync(() -> inTransaction(work), task -> {
                    Thread thread = new Thread(task, Thread.currentThread().getName() + "-own-transaction");
                    thread.setDaemon(true);
                    thread.start();
                }).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        inside.set(true);
        try {
            return jdbi.inTransaction(handle -> work.apply(new JdbiPipelineStore(handle)));
        } finally {
            inside.set(false);
        }
    }

    /**
     * Each read opens a read-only transaction on a pooled connection of its own: {@code Jdbi.open} never joins the
     * transaction open on this thread, so the run's uncommitted rows stay invisible to it.
     */
    @Override
    public Optional<CommittedReads> committedReads() {
        return Optional.of(new CommittedReads() {
            @Override
            public <T> T read(Function<PipelineStore, T> work) {
                try (Handle handle = jdbi.open()) {
                    return handle.inTransaction(own -> {
                        own.execute("SET TRANSACTION READ ONLY");
                        return work.apply(new JdbiPipelineStore(own));
                    });
                }
            }
        });
    }
}
