package cn.moralbank.points.voucher;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.Transactions;
import cn.moralbank.points.common.ViewsCatchUp;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdStatus;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.common.OneTransaction;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.voucher.api.*;
import cn.moralbank.points.voucher.api.VoucherStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Love points vouchers: the administrator issues them to a household (its account pays, ledger entry
 * {@code voucher:<serial>}), a supermarket spends them, the administrator voids an unspent one (the entry is
 * reversed, {@code voucher:<serial>:void}, in one transaction with the void). Each step is a command to the Voucher
 * or the household's account with an id derived from the serial, so a step repeated after a crash or by a second
 * node never pays or credits twice.
 */
@Singleton
public class Vouchers {
    private final ViewsCatchUp catchUp;
    private static final Pattern BATCH = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private final VoucherCommands commands;
    private final VoucherCodes codes;
    private final VoucherSettings settings;
    private final VoucherViewRepository views;
    private final VoucherBatch.Repository batches;
    private final Households households;
    private final Ledger ledger;
    private final Transactions transactions;
    private final OneTransaction oneTransaction;
    private final Clock clock;
    private final Regions regions;

    Vouchers(VoucherCommands commands, VoucherCodes codes, VoucherSettings settings, VoucherViewRepository views,
             VoucherBatch.Repository batches, Households households, Ledger ledger,
             Transactions transactions, OneTransaction oneTransaction, Clock clock, ViewsCatchUp catchUp,
             Regions regions) {
        this.oneTransaction = oneTransaction;
        this.catchUp = catchUp;
        this.regions = regions;
        this.commands = commands;
        this.codes = codes;
        this.settings = settings;
        this.views = views;
        this.batches = batches;
        this.households = households;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The face values the county prints, smallest first. */
    public List<Long> denominations() {
        return settings.allowed();
    }

    public static EntryId issueEntry(VoucherSerial serial) {
        return new EntryId(EntryId.VOUCHER + serial.value());
    }

    /**
     * Issues vouchers of the given face values to a household of the administrator's village. {@code batchId} is
     * the issue form's own id: the same form sent again issues nothing new and answers with the same vouchers.
     */
    public IssuedVouchers issue(Actor actor, HouseholdId householdId, List<Long> faceValues, String batchId) {
        requireIssuer(actor);
        Household household = households.visible(actor, householdId);
        if (household.status() != HouseholdStatus.ACTIVE) {
            throw new VoucherRefusal("voucher.household.inactive", household.headName());
        }
        if (batchId == null || !BATCH.matcher(batchId).matches()) {
            throw new VoucherRefusal("voucher.batch.invalid");
        }
        List<Long> values = faceValues == null ? List.of() : List.copyOf(faceValues);
        if (values.isEmpty()) {
            throw new VoucherRefusal("voucher.issue.none");
        }
        if (values.size() > settings.maxPerBatch()) {
            throw new VoucherRefusal("voucher.issue.too-many", values.size(), settings.maxPerBatch());
        }
        for (long value : values) {
            if (!settings.allowed().contains(value)) {
                throw new VoucherRefusal("voucher.denomination.invalid", value, join(settings.allowed()));
            }
        }
        VoucherBatch batch = batches.findById(batchId).orElse(null);
        boolean claimedNow = false;
        if (batch == null) {
            long total = values.stream().mapToLong(Long::longValue).sum();
            // the ledger's balance, not the passbook view's: a view behind by a credit must not refuse the vouchers
            long balance = ledger.balance(actor, householdId);
            if (total > balance) {
                throw new VoucherRefusal("voucher.issue.insufficient", total, balance);
            }
            claimedNow = claim(actor, household, values, batchId);
            batch = batches.findById(batchId).orElseThrow();
        }
        if (!batch.householdId().equals(household.id()) || !batch.pointsList().equals(values)) {
            throw new VoucherRefusal("voucher.batch.reused", batchId);
        }
        return issueAll(actor, household, batch, claimedNow);
    }

    /** Whether this call claimed the batch (inserted it); false when another claimed it a moment before. */
    private boolean claim(Actor actor, Household household, List<Long> values, String batchId) {
        return transactions.write(() -> {
            List<String> serials = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                serials.add(VoucherSerial.of(batches.nextSerial()).value());
            }
            // a second node claiming the same batch at the same moment loses here and uses the winner's serials
            return batches.claim(batchId, household.id(), join(values), String.join(",", serials), actor.userId(),
                    clock.instant()) == 1;
        });
    }

    private IssuedVouchers issueAll(Actor actor, Household household, VoucherBatch batch, boolean claimedNow) {
        String villagePath = parentPath(household.regionPath());
        String countyPath = regions.countyPathOf(household.regionPath());
        List<IssuedVouchers.Issued> issued = new ArrayList<>();
        long debited = 0;
        long balance = 0;
        List<String> serials = batch.serialList();
        List<Long> values = batch.pointsList();
        for (int i = 0; i < serials.size(); i++) {
            VoucherSerial serial = new VoucherSerial(serials.get(i));
            long points = values.get(i);
            EntryResult paid = ledger.debit(actor, new DebitCommand(household.householdId(), issueEntry(serial),
                    points, "voucher:" + serial.value(), "爱心积分券 " + serial.value()));
            balance = paid.balanceAfter();
            if (!paid.applied()) {
                if (issued.isEmpty()) {
                    throw new VoucherRefusal("voucher.issue.insufficient", points, paid.balanceAfter());
                }
                return new IssuedVouchers(batch.batchId(), household.id(), issued, debited, balance, points,
                        claimedNow);
            }
            commands.send(actor, serial, new IssueVoucherCommand(serial, household.householdId(), points, countyPath,
                    villagePath, batch.batchId(), clock.instant()));
            issued.add(new IssuedVouchers.Issued(serial.value(), points));
            debited += points;
            batches.issued(batch.batchId(), issued.size());
        }
        return new IssuedVouchers(batch.batchId(), household.id(), issued, debited, balance, null, claimedNow);
    }

    /** The serial of a scanned or typed code; a made-up or altered code is refused as forged. */
    public VoucherSerial verify(String code) {
        return codes.verify(code);
    }

    /** The printed code (serial and check code) of a voucher the actor may see, as its sheet prints it. */
    public String printedCode(Actor actor, VoucherSerial serial) {
        visible(actor, serial);
        return codes.codeOf(serial);
    }

    /**
     * A scanned voucher as a kiosk or operator sees it before paying with it: its value and status. Refuses a
     * forged code and a voucher of another county.
     */
    public VoucherView check(Actor actor, String code) {
        return check(actor, codes.verify(code));
    }

    /** The same for a serial whose code {@link #verify} accepted already. */
    public VoucherView check(Actor actor, VoucherSerial serial) {
        VoucherView view = views.findById(serial.value())
                .orElseThrow(() -> new NotFound("voucher.not-found", serial.value()));
        if (!actor.regionPath().startsWith(view.countyPath())) {
            throw new VoucherRefusal("voucher.other-county", serial.value());
        }
        return view;
    }

    /**
     * Spends a voucher for a purchase ({@code ref}); the same purchase asking again gets the same answer. Refused
     * when already spent for another purchase, voided, or of another county.
     */
    public VoucherState redeem(Actor actor, VoucherSerial serial, String ref, String supermarket) {
        return commands.send(actor, serial, new RedeemVoucherCommand(serial, ref, supermarket, actor.regionPath(),
                clock.instant()));
    }

    /** Makes a voucher spendable again when the purchase it was spent on did not go through. Safe to repeat. */
    public VoucherState cancelRedemption(Actor actor, VoucherSerial serial, String ref, String reason) {
        return commands.send(actor, serial, new CancelRedemptionCommand(serial, ref, reason));
    }

    /**
     * Voids an unspent voucher of the administrator's village and credits its points back (a reversal of the issue
     * entry). Repeating it after a crash completes the credit; the ledger credits it once.
     */
    public VoucherView voidVoucher(Actor actor, VoucherSerial serial, String reason) {
        requireIssuer(actor);
        VoucherView view = visible(actor, serial);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 200) {
            throw new VoucherRefusal("voucher.void.reason");
        }
        Instant now = clock.instant();
        // the voucher and the household's account change together or not at all: a refused reversal (an account
        // closed by a merge) leaves the voucher as it was, never void with its points lost
        VoucherState state = oneTransaction.run(() -> {
            VoucherState voided = commands.send(actor, serial, new VoidVoucherCommand(serial, why, now));
            ledger.reverse(actor, new ReverseCommand(voided.householdId(),
                    new EntryId("voucher:" + serial.value() + ":void"), issueEntry(serial),
                    "作废积分券 " + serial.value() + "：" + why));
            return voided;
        });
        // the answer is the view once it holds the void (read your writes); a view still behind after the wait is
        // answered with the voucher's state as the aggregate has it, never with the state before the void
        catchUp.awaitThisRequest(Duration.ofSeconds(2));
        VoucherView seen = views.findById(serial.value()).orElse(view);
        if (seen.status() == state.status()) {
            return seen;
        }
        return new VoucherView(seen.serial(), seen.householdId(), seen.points(), seen.countyPath(),
                seen.villagePath(), seen.batchId(), state.status(), seen.issuedAt(), seen.issuedBy(),
                seen.redemptionRef(), seen.supermarket(), seen.redeemedAt(), why, now, seen.seq());
    }

    /**
     * The voucher, if the actor may see it: by where its household is now, never by the village written on it when
     * it was issued (a household moved, or its village merged into another (合村并居), takes its vouchers along).
     */
    public VoucherView visible(Actor actor, VoucherSerial serial) {
        VoucherView view = views.findById(serial.value())
                .orElseThrow(() -> new NotFound("voucher.not-found", serial.value()));
        if (!householdVisible(actor, view.householdId())) {
            throw new AccessDenied("voucher " + serial.value());
        }
        return view;
    }

    public Optional<VoucherView> find(VoucherSerial serial) {
        return views.findById(serial.value());
    }

    /** The newest vouchers of the actor's scope. */
    public List<VoucherView> newest(Actor actor, int limit) {
        return views.newestUnder(actor.regionPath(), Math.max(1, Math.min(limit, 1000)));
    }

    /**
     * The vouchers of an issue, to print: read from the batch itself, so a sheet printed the moment the vouchers
     * were issued shows them all, whether or not the read model has caught up.
     */
    public List<PrintedVoucher> sheet(Actor actor, String batchId) {
        VoucherBatch batch = batches.findById(batchId)
                .orElseThrow(() -> new NotFound("voucher.batch.not-found", batchId));
        Household household = households.visible(actor, new HouseholdId(batch.householdId()));
        List<PrintedVoucher> sheet = new ArrayList<>();
        List<String> serials = batch.serialList();
        for (int i = 0; i < batch.issued(); i++) {
            VoucherSerial serial = new VoucherSerial(serials.get(i));
            VoucherStatus status = views.findById(serial.value()).map(VoucherView::status).orElse(VoucherStatus.ISSUED);
            sheet.add(new PrintedVoucher(serial.value(), codes.codeOf(serial), batch.pointsList().get(i),
                    household.headName(), household.cardNumber(), status, batch.createdAt()));
        }
        return sheet;
    }

    /** The vouchers of an issue the actor may see: all of them (an issue is of one household), or none. */
    public List<VoucherView> ofBatch(Actor actor, String batchId) {
        List<VoucherView> issued = views.findByBatchIdOrderBySerial(batchId);
        return issued.isEmpty() || householdVisible(actor, issued.get(0).householdId()) ? issued : List.of();
    }

    /** Whether the actor may see the household (where it is now): a voucher is seen as its household is. */
    private boolean householdVisible(Actor actor, String householdId) {
        try {
            households.visible(actor, new HouseholdId(householdId));
            return true;
        } catch (AccessDenied | NotFound outside) {
            return false;
        }
    }

    public List<VoucherView> ofHousehold(Actor actor, HouseholdId household) {
        households.visible(actor, household);
        return views.findByHouseholdIdOrderByIssuedAtDesc(household.value());
    }

    private static void requireIssuer(Actor actor) {
        if (actor.role() != Role.VILLAGE_ADMIN) {
            throw new AccessDenied("vouchers are issued and voided by the village administrator");
        }
    }

    /** A grid's path without its last code: the village. */
    static String parentPath(String path) {
        String trimmed = path.substring(0, path.length() - 1);
        return trimmed.substring(0, trimmed.lastIndexOf('/') + 1);
    }

    private static String join(List<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
