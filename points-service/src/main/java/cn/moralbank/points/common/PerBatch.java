package cn.moralbank.points.common;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a projection gathers over one batch of events (the processor's unit of work) and writes once, when the batch
 * prepares to commit: in the batch's own transaction, with the processor's token, so a batch that fails writes
 * nothing and is handled again. A handler called outside a batch (a test calling it directly) writes at once. The
 * projections own this port; infra.axon implements it on Axon's unit of work, so no projection sees Axon's plumbing.
 */
@ApplicationRing
public interface PerBatch {
    /** Whether changes made now are gathered for the batch's commit (false: they must be written at once). */
    boolean deferred();

    /**
     * Applies {@code change} to this batch's {@code T} named {@code name}, made by {@code fresh} on first use and
     * given to {@code write} when the batch prepares to commit.
     */
    <T> void change(String name, Supplier<T> fresh, Consumer<? super T> write, Consumer<? super T> change);

    /** This batch's {@code T} named {@code name}, if the batch has made one. */
    <T> Optional<T> current(String name);
}
