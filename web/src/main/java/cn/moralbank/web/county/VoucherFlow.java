package cn.moralbank.web.county;

import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.EntryKind;
import cn.moralbank.points.ledger.api.EntryReversed;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.PointsDebited;
import cn.moralbank.points.voucher.api.VoucherIssued;
import cn.moralbank.points.voucher.api.VoucherSerial;
import cn.moralbank.points.voucher.api.VoucherVoided;
import cn.moralbank.web.county.Village.Home;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static cn.moralbank.web.county.History.ACCOUNT;
import static cn.moralbank.web.county.History.VOUCHER;

/**
 * Love points vouchers as Vouchers issues and voids them: per voucher the account pays ({@code voucher:<serial>})
 * and the Voucher is issued; the batch row records the issue form. A void withdraws the voucher and reverses its
 * payment ({@code voucher:<serial>:void}). Vouchers are spent at checkouts (ShopFlow).
 */
final class VoucherFlow {
    static final String BATCH_ROW = "INSERT INTO voucher_batch (batch_id, household_id, denominations, serials, issued, "
            + "issued_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final long[] FACES = {5, 10, 20, 50};
    private static final String[] VOID_REASONS = {"户主报失", "打印错误，重新开具", "券面污损"};

    private final History h;

    VoucherFlow(History h) {
        this.h = h;
    }

    /** One or two vouchers the household can pay for now; the deed household takes a single small one. */
    void issue(Village v, Home home, Instant at) {
        List<Long> faces = new ArrayList<>();
        long left = home.spendable();
        int count = home.deep ? 1 : 1 + h.random.nextInt(2);
        for (int i = 0; i < count; i++) {
            long face = home.deep ? 5 : FACES[h.random.nextInt(FACES.length)];
            if (face <= left) {
                faces.add(face);
                left -= face;
            }
        }
        if (faces.isEmpty()) {
            return;
        }
        String batch = h.ids.uuid();
        HouseholdId household = new HouseholdId(home.id);
        List<String> serials = new ArrayList<>();
        for (long face : faces) {
            long number = h.voucherSerials.incrementAndGet();
            VoucherSerial serial = VoucherSerial.of(number);
            serials.add(serial.value());
            home.balance -= face;
            home.entries++;
            h.sink.command(v.admin, at);
            h.sink.event(ACCOUNT, home.id, home.seq++, new PointsDebited(household, new EntryId("voucher:" + serial.value()),
                    face, "voucher:" + serial.value(), "爱心积分券 " + serial.value(), home.balance));
            h.sink.command(v.admin, at);
            h.sink.event(VOUCHER, serial.value(), 0, new VoucherIssued(serial, household, face, h.countyPath, v.path,
                    batch, at));
            home.vouchers.add(new long[]{number, face, 1});
        }
        h.sink.row(BATCH_ROW, batch, home.id, faces.stream().map(String::valueOf).collect(Collectors.joining(",")),
                String.join(",", serials), faces.size(), v.admin.userId(), ShopFlow.time(at));
        h.sink.endOfFlow();
    }

    /** Voids the household's oldest unspent voucher and credits its points back. */
    void voidOne(Village v, Home home, Instant at) {
        if (home.vouchers.isEmpty()) {
            return;
        }
        long[] voucher = home.vouchers.remove(0);
        VoucherSerial serial = VoucherSerial.of(voucher[0]);
        HouseholdId household = new HouseholdId(home.id);
        String why = VOID_REASONS[h.random.nextInt(VOID_REASONS.length)];
        h.sink.command(v.admin, at);
        h.sink.event(VOUCHER, serial.value(), voucher[2], new VoucherVoided(serial, household, voucher[1], why, at));
        home.balance += voucher[1];
        home.entries++;
        h.sink.command(v.admin, at);
        h.sink.event(ACCOUNT, home.id, home.seq++, new EntryReversed(household,
                new EntryId("voucher:" + serial.value() + ":void"), new EntryId("voucher:" + serial.value()),
                EntryKind.DEBIT, voucher[1], "作废积分券 " + serial.value() + "：" + why, home.balance));
        h.sink.endOfFlow();
    }
}
