package cn.moralbank.points.infra.axon;

import cn.moralbank.points.common.PerBatch;
import jakarta.inject.Singleton;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link PerBatch} on Axon's unit of work: the batch is the processor's root unit of work. A handler whose unit of
 * work carries {@link #AT_ONCE} writes at once: the dead-letter isolation ({@link PoisonIsolation}) sets it so that
 * each event's writes run inside that event's own savepoint, where a failing statement is pinned on it.
 */
@Singleton
final class UnitOfWorkBatch implements PerBatch {
    /** A unit-of-work resource: while present, changes are written at once instead of when the batch commits. */
    static final String AT_ONCE = PerBatch.class.getName() + ".atOnce";

    @Override
    public boolean deferred() {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        return !current.resources().containsKey(AT_ONCE) && !current.root().resources().containsKey(AT_ONCE);
    }

    @Override
    public <T> void change(String name, Supplier<T> fresh, Consumer<? super T> write,
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

    @Override
    public <T> Optional<T> current(String name) {
        if (!deferred()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CurrentUnitOfWork.get().root().getResource(name));
    }
}
