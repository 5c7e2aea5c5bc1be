package cn.moralbank.points.common;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a projection gathers over one batch of events (the processor's unit of work) and writes once, when the batch
 * prepares to commit: in the batch's own transaction, with the processor's token, so a batch that fails writes
 * nothing and is handled again. A handler called outside a batch (a test calling it directly) writes at once, and so
 * does one whose unit of work carries {@link #AT_ONCE}: the dead-letter isolation (infra.axon.PoisonIsolation) sets
 * it so that each event's writes run inside that event's own savepoint, where a failing statement is pinned on it.
 */
public final class PerBatch {
    /** A unit-of-work resource: while present, changes are written at once instead of when the batch commits. */
    public static final String AT_ONCE = PerBatch.class.getName() + ".atOnce";

    private PerBatch() {
    }

    /** Whether changes made now are gathered for the batch's commit (false: they must be written at once). */
    public static boolean deferred() {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        return !current.resources().containsKey(AT_ONCE) && !current.root().resources().containsKey(AT_ONCE);
    }

    /**
     * Applies {@code change} to this batch's {@code T} named {@code name}, made by {@code fresh} on first use and
     * given to {@code write} when the batch prepares to commit.
     */
    public static <T> void change(String name, Supplier<T> fresh, Consumer<? super T> write,
                                  Consumer<? super T> change) {
        if (deferred()) {
            UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
            T pending = batch.getOrComputeResource(name, key -> {
                T made = fresh.get();
                batch.onPrepareCommit(u -> write.accept(made));
                return made;
            });
            change.accept(pending);
        } else {
            T alone = fresh.get();
            change.accept(alone);
            write.accept(alone);
        }
    }

    /** This batch's {@code T} named {@code name}, if the batch has made one. */
    public static <T> Optional<T> current(String name) {
        if (!deferred()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CurrentUnitOfWork.get().root().getResource(name));
    }
}
