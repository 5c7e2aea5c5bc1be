package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.Commands;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.ledger.api.*;
import jakarta.inject.Singleton;


/**
 * The household ledger's public commands. Every command goes out with who sent it (user, role, region, device) as
 * metadata, which every resulting event keeps. Callers check scope before they call (see Households). A caller
 * waits for the answer at most {@code moralbank.axon.command-timeout-millis} ({@link Commands}): the command may still
 * take effect, once, and the same command sent again (same entry id) is answered as a duplicate.
 */
@Singleton
public class Ledger {
    private final Commands commands;

    Ledger(Commands commands) {
        this.commands = commands;
    }

    public void open(Actor actor, HouseholdId household, long baseScore) {
        send(actor, new OpenAccountCommand(household, baseScore));
    }

    public EntryResult credit(Actor actor, CreditCommand command) {
        storable(command.reason());
        return send(actor, command);
    }

    public EntryResult penalise(Actor actor, PenaliseCommand command) {
        storable(command.reason());
        return send(actor, command);
    }

    public EntryResult debit(Actor actor, DebitCommand command) {
        storable(command.reason());
        return send(actor, command);
    }

    public EntryResult reverse(Actor actor, ReverseCommand command) {
        storable(command.reason());
        return send(actor, command);
    }

    /** 期初积分: the paper passbook's balance as the account's first entry; once per household and passbook. */
    public EntryResult carryOver(Actor actor, CarryOverBalanceCommand command) {
        storable(command.reason());
        storable(command.passbookNumber());
        return send(actor, command);
    }

    /**
     * The account's balance as the ledger has it now (the event store, not a view that may lag behind): for a decision
     * that must not refuse on a view's stale figure. Refused with ledger.account.closed for a closed account.
     */
    public long balance(Actor actor, HouseholdId household) {
        Long balance = send(actor, new RequireOpenCommand(household));
        return balance;
    }

    /**
     * Moves points from one household's account to another's (a split): out of the first, then into the second,
     * each under an entry id derived from the transfer's id, so a retry of the whole transfer books each half once.
     * The receiving account is asked first whether it is open; if it closes in between, the out is reversed.
     */
    public EntryResult transfer(Actor actor, String transferId, HouseholdId from, HouseholdId to, long points,
                                String reason) {
        storable(reason);
        send(actor, new RequireOpenCommand(to));
        EntryResult out = send(actor, new TransferOutCommand(from, outId(transferId), points, to, reason));
        try {
            send(actor, new TransferInCommand(to, inId(transferId), points, from, reason));
        } catch (BadInput refused) {
            // the receiving account refused (closed since): the points go back by a reversal, never lost
            send(actor, new ReverseCommand(from, new EntryId("transfer:" + transferId + ":undo"), outId(transferId),
                    reason));
            throw refused;
        }
        return out;
    }

    /** Merges one household's account into another's (合户): its whole balance moves by a transfer, then it closes. */
    public EntryResult merge(Actor actor, String transferId, HouseholdId merged, HouseholdId into, String reason) {
        storable(reason);
        send(actor, new RequireOpenCommand(into));
        EntryResult out = send(actor, new CloseAccountCommand(merged, outId(transferId), into, reason));
        if (out.points() > 0) {
            send(actor, new TransferInCommand(into, inId(transferId), out.points(), merged, reason));
        }
        return out;
    }

    private static EntryId outId(String transferId) {
        return new EntryId("transfer:" + transferId + ":out");
    }

    private static EntryId inId(String transferId) {
        return transferInId(transferId);
    }

    /** The entry a transfer books on the receiving account (a split asks it what its first run moved). */
    public static EntryId transferInId(String transferId) {
        return new EntryId("transfer:" + transferId + ":in");
    }

    /** A reason the passbook projection could not store (a NUL...) is refused before it becomes an event. */
    private static void storable(String reason) {
        if (!PlainText.storable(reason)) {
            throw new BadInput("ledger.reason.unstorable");
        }
    }

    private <R> R send(Actor actor, Object command) {
        return commands.send(actor, command);
    }
}
