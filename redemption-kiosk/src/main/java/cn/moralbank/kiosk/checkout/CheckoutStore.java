package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.CheckoutId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where checkouts are kept, and the lock a node holds while it drives or refunds one. The checkout package owns this
 * interface; its implementation (tables {@code checkout}, {@code checkout_line}, {@code checkout_voucher},
 * {@code checkout_line_refund}, a PostgreSQL advisory lock) is infrastructure, in {@code cn.moralbank.kiosk.infra}.
 */
public interface CheckoutStore {

    /**
     * Records a checkout as it ended (completed or refused), with its lines and vouchers, in the transaction open on
     * the thread (or one of its own); false, and nothing written, when a checkout with this id exists already. Call
     * it while holding the id ({@link #hold}).
     */
    boolean record(CheckoutId id, long supermarketId, String device, String basketHash, CheckoutPlan plan,
                   CheckoutOutcome outcome, Instant at);

    /**
     * Holds the checkout's id until the transaction open on the thread ends, waiting for whoever holds it now (at
     * most the database's lock_timeout, then the refusal {@code checkout.busy}). The same lock as {@link #lock}'s,
     * and like it no row lock, so it gives the transaction no id (ADR 0007).
     */
    void hold(CheckoutId id);

    /** The checkout once no one holds its id: waits for a run in progress on any node to end, then reads it. */
    Optional<CheckoutRecord> settled(CheckoutId id);

    boolean exists(CheckoutId id);

    Optional<CheckoutRecord> find(String checkoutId);

    Optional<CheckoutRecord> byReceiptNo(long receiptNo);

    List<CheckoutLineRecord> lines(String checkoutId);

    List<CheckoutVoucherRecord> vouchers(String checkoutId);

    /** The line numbers refunded one by one (see Refunds); none for a checkout refunded whole or not at all. */
    Set<Integer> refundedLineNos(String checkoutId);

    /** The lines refunded one by one so far, with their points; in the transaction open on the thread. */
    Map<Integer, Long> refundedLines(String checkoutId);

    /** Marks the whole checkout refunded, in the transaction open on the thread (which holds its id). */
    void refunded(String checkoutId, String by, String reason, Instant at);

    /**
     * Records refunded lines (a line twice is refused) and the latest refund on the checkout, in the transaction open
     * on the thread (which holds its id); {@code all}: every line is back now, so the checkout is REFUNDED.
     */
    void linesRefunded(String checkoutId, List<Integer> lineNos, List<Long> points, String by, String reason,
                       Instant at, boolean all);

    /** Every checkout begun at a supermarket between two instants (any status), oldest first. */
    List<CheckoutRecord> between(long supermarketId, Instant from, Instant to);

    /** Checkouts refunded between two instants, whenever they were sold. */
    List<CheckoutRecord> refundedBetween(long supermarketId, Instant from, Instant to);

    /**
     * Ids of (at most 50) checkouts still STARTED that began before an instant, oldest first: only an earlier
     * version, which drove a checkout in several transactions, left any.
     */
    List<String> unfinishedBefore(Instant before);

    /** The checkout's lock if no one holds it now: empty if another holder has it or the checkout does not exist. */
    Optional<Lock> tryLock(String checkoutId);

    /**
     * One checkout's lock, held until closed; what it read was read after the lock was granted. Its write is
     * committed at once and ends the hold; closing without one undoes nothing, it frees the lock.
     */
    interface Lock extends AutoCloseable {
        CheckoutStatus status();

        default boolean started() {
            return status() == CheckoutStatus.STARTED;
        }

        /** Ends a STARTED checkout (completed or refused) and releases the lock. */
        void finish(CheckoutOutcome outcome, Instant at);

        @Override
        void close();
    }
}
