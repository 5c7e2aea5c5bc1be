package cn.moralbank.points.ledger;

import cn.moralbank.points.ledger.api.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.jmolecules.architecture.onion.simplified.DomainRing;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.util.Objects;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A household's account in the moral bank. Invariants: every entry id takes effect once (a repeat answers as the
 * first time did, a repeat with another amount is refused); a debit never takes the balance below zero; an entry is
 * reversed at most once; nothing is edited or deleted.
 *
 * <p>The account holds only what every command needs: its balance and whether it is closed. The entries it has
 * booked are {@link RememberedEntries}, outside the snapshot, looked up by id when a command names one; so a
 * ten-year account's snapshot is as small as a new one's and loads as fast (docs/performance.md). Revision 5 of the
 * snapshot has no entries and knows which household a closed account went into; older snapshots (revision 4 did not
 * know it, revision 3 carried every entry in one line) are passed over, and the account is rebuilt from its events
 * once and snapshotted anew. A version before 5 never reads a revision 5 snapshot.
 */
@Revision("5")
@AggregateRoot
@DomainRing
class HouseholdAccount {

    @AggregateIdentifier
    @Identity
    private HouseholdId householdId;
    private long balance;
    /** Set when the account was merged into another household's (the entry id that closed it): no more entries. */
    private String closedBy;
    /** The household a closed account's balance went to: a retried merge is a repeat only towards the same one. */
    private HouseholdId mergedInto;

    HouseholdAccount() {
        // for Axon
    }

    @CommandHandler
    HouseholdAccount(OpenAccountCommand command) {
        if (command.baseScore() < 0 || command.baseScore() > Points.MAX_PER_ENTRY) {
            throw new LedgerRefusal("ledger.base-score.invalid", command.baseScore());
        }
        apply(new AccountOpened(command.householdId(), command.baseScore()));
    }

    @CommandHandler
    EntryResult handle(CreditCommand command, RememberedEntries entries) {
        return repeatOf(entries, command.entryId(), EntryKind.CREDIT, command.points(), null).orElseGet(() -> {
            refuseIfClosed();
            return book(entries, new PointsCredited(householdId, command.entryId(), command.points(),
                    command.source(), command.reason(), balance + command.points())).result(command.entryId());
        });
    }

    @CommandHandler
    EntryResult handle(PenaliseCommand command, RememberedEntries entries) {
        return repeatOf(entries, command.entryId(), EntryKind.PENALTY, command.points(), null).orElseGet(() -> {
            refuseIfClosed();
            return book(entries, new PointsPenalised(householdId, command.entryId(), command.points(),
                    command.source(), command.reason(), balance - command.points())).result(command.entryId());
        });
    }

    @CommandHandler
    EntryResult handle(DebitCommand command, RememberedEntries entries) {
        return repeatOf(entries, command.entryId(), EntryKind.DEBIT, command.points(), null).orElseGet(() -> {
            refuseIfClosed();
            if (balance < command.points()) {
                return book(entries, new DebitRefused(householdId, command.entryId(), command.points(),
                        command.source(), balance)).result(command.entryId());
            }
            return book(entries, new PointsDebited(householdId, command.entryId(), command.points(),
                    command.source(), command.reason(), balance - command.points())).result(command.entryId());
        });
    }

    @CommandHandler
    EntryResult handle(ReverseCommand command, RememberedEntries entries) {
        String original = command.originalEntryId().value();
        var repeat = repeatOf(entries, command.reversalId(), EntryKind.REVERSAL, 0, original);
        if (repeat.isPresent()) {
            return repeat.get();
        }
        refuseIfClosed();
        RememberedEntry target = entries.find(householdId, original).orElse(null);
        if (target == null || target.refused()) {
            throw new LedgerRefusal("ledger.reverse.unknown-entry", original);
        }
        if (target.kind() == EntryKind.REVERSAL) {
            throw new LedgerRefusal("ledger.reverse.of-reversal", original);
        }
        if (target.reversedBy() != null) {
            throw new LedgerRefusal("ledger.reverse.already", original, target.reversedBy());
        }
        // what a process booked (a checkout's debit, a voucher's issue, a confirmed deed's credit, a transfer) only
        // that process undoes (a refund, a void, a revocation, an undo), each with an id of its own naming it: a
        // reversal by hand would give the points back while the goods, the voucher or the deed stayed as they were
        if (command.originalEntryId().namesAProcess() && !command.reversalId().namesAProcess()) {
            throw new LedgerRefusal("ledger.reverse.process-entry", original);
        }
        long change = -target.change();
        return book(entries, new EntryReversed(householdId, command.reversalId(), command.originalEntryId(),
                target.kind(), change, command.reason(), balance + change)).result(command.reversalId());
    }

    @CommandHandler
    EntryResult handle(CarryOverBalanceCommand command, RememberedEntries entries) {
        return repeatOf(entries, command.entryId(), EntryKind.CARRIED_OVER, command.points(), null).orElseGet(() -> {
            refuseIfClosed();
            if (entries.anyLive(householdId)) {
                throw new LedgerRefusal("ledger.carry-over.has-entries", householdId.value());
            }
            return book(entries, new BalanceCarriedOver(householdId, command.entryId(), command.points(),
                    command.passbookNumber(), command.asOf(), command.reason(), balance + command.points()))
                    .result(command.entryId());
        });
    }

    @CommandHandler
    EntryResult handle(TransferOutCommand command, RememberedEntries entries) {
        return repeatOf(entries, command.entryId(), EntryKind.TRANSFER_OUT, command.points(), null).orElseGet(() -> {
            refuseIfClosed();
            if (command.to().equals(householdId)) {
                throw new LedgerRefusal("ledger.transfer.to-itself", householdId.value());
            }
            if (balance < command.points()) {
                throw new LedgerRefusal("ledger.transfer.more-than-balance", command.points(), balance);
            }
            return book(entries, new PointsTransferredOut(householdId, command.entryId(), command.points(),
                    command.to(), command.reason(), balance - command.points())).result(command.entryId());
        });
    }

    @CommandHandler
    EntryResult handle(TransferInCommand command, RememberedEntries entries) {
        return repeatOf(entries, command.entryId(), EntryKind.TRANSFER_IN, command.points(), null).orElseGet(() -> {
            refuseIfClosed();
            return book(entries, new PointsTransferredIn(householdId, command.entryId(), command.points(),
                    command.from(), command.reason(), balance + command.points())).result(command.entryId());
        });
    }

    /** Moves the whole balance out to the household merged into, then closes; a retry is answered as the first. */
    @CommandHandler
    EntryResult handle(CloseAccountCommand command, RememberedEntries entries) {
        if (command.entryId().value().equals(closedBy)) {
            if (!command.mergedInto().equals(mergedInto)) {
                // the same merge's id towards another household is not a retry: its balance went once, to the first
                throw new LedgerRefusal("ledger.account.closed", householdId.value());
            }
            return entries.find(householdId, closedBy).map(moved -> moved.result(command.entryId()).asRepeat())
                    .orElseGet(() -> new EntryResult(command.entryId(), EntryResult.Outcome.APPLIED, 0, balance, true));
        }
        refuseIfClosed();
        if (command.mergedInto().equals(householdId)) {
            throw new LedgerRefusal("ledger.transfer.to-itself", householdId.value());
        }
        if (balance < 0) {
            throw new LedgerRefusal("ledger.merge.negative-balance", householdId.value(), balance);
        }
        if (entries.find(householdId, command.entryId().value()).isPresent()) {
            throw new LedgerRefusal("ledger.entry-id.reused", command.entryId().value());
        }
        long points = balance;
        if (points > 0) {
            book(entries, new PointsTransferredOut(householdId, command.entryId(), points, command.mergedInto(),
                    command.reason(), 0));
        }
        apply(new AccountClosed(householdId, command.entryId(), command.mergedInto(), command.reason()));
        return new EntryResult(command.entryId(), EntryResult.Outcome.APPLIED, points, 0, false);
    }

    @CommandHandler
    long handle(RequireOpenCommand command) {
        refuseIfClosed();
        return balance;
    }

    private void refuseIfClosed() {
        if (closedBy != null) {
            throw new LedgerRefusal("ledger.account.closed", householdId.value());
        }
    }

    /**
     * The earlier answer to this entry id, if it was seen before. Same id, same kind and amount: the same answer.
     * Same id for anything else: refused, because the caller reused an id for a different request.
     */
    private Optional<EntryResult> repeatOf(RememberedEntries entries, EntryId id, EntryKind kind,
                                                     long points, String original) {
        RememberedEntry earlier = entries.find(householdId, id.value()).orElse(null);
        if (earlier == null) {
            return Optional.empty();
        }
        if (earlier.kind() != kind || earlier.requested() != points
                || !Objects.equals(earlier.original(), original)) {
            throw new LedgerRefusal("ledger.entry-id.reused", id.value());
        }
        return Optional.of(earlier.result(id).asRepeat());
    }

    /**
     * Applies an event that books an entry, and remembers the entry, in the command's transaction: the event and
     * its entry are stored together or not at all. A reversal also marks the entry it undoes.
     */
    private RememberedEntry book(RememberedEntries entries, Object event) {
        apply(event);
        RememberedEntry entry = RememberedEntry.bookedBy(event).orElseThrow();
        entries.remember(householdId, entry);
        if (entry.original() != null) {
            entries.reversed(householdId, entry.original(), entry.id());
        }
        return entry;
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        householdId = event.householdId();
        balance = event.baseScore();
    }

    @EventSourcingHandler
    void on(PointsCredited event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(PointsPenalised event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(PointsDebited event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(DebitRefused event) {
        balance = event.balance();
    }

    @EventSourcingHandler
    void on(EntryReversed event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(BalanceCarriedOver event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(PointsTransferredOut event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(PointsTransferredIn event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(AccountClosed event) {
        closedBy = event.entryId().value();
        mergedInto = event.mergedInto();
    }
}
