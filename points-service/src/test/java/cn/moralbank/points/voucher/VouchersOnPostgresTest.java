package cn.moralbank.points.voucher;

import cn.moralbank.points.common.BadInput;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.projection.AccountBalance;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.voucher.api.VoucherRefusal;
import cn.moralbank.points.voucher.api.VoucherSerial;
import cn.moralbank.points.voucher.api.VoucherStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

@MicronautTest(transactional = false)
class VouchersOnPostgresTest extends DatabaseTest {
    @Inject Vouchers vouchers;
    @Inject Households households;
    @Inject Regions regions;
    @Inject CountySettings settings;
    @Inject Ledger ledger;
    @Inject Passbooks passbooks;
    @Inject DataSource dataSource;

    Actor hedongAdmin;
    Actor leguoAdmin;
    Actor hedongKiosk;
    Actor otherCountyKiosk;
    Region hedongGrid;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("moralbank.voucher-secret", "test-voucher-secret-test-voucher-secret");
        return props;
    }

    @BeforeAll
    void county() {
        Region county = regions.createCounty("130826", "丰宁满族自治县");
        settings.save(county, 0, 7);
        Region humaying = regions.createChild(county, "130826103", "胡麻营镇");
        Region hedong = regions.createChild(humaying, "130826103201", "河东村");
        hedongGrid = regions.createChild(hedong, "13082610320101", "第一网格");
        Region huangqi = regions.createChild(county, "130826102", "黄旗镇");
        Region leguo = regions.createChild(huangqi, "130826102201", "乐国窝铺村");
        Region other = regions.createCounty("130827", "别的县");
        hedongAdmin = new Actor("hedong.admin", Role.VILLAGE_ADMIN, hedong.path(), null, null);
        leguoAdmin = new Actor("leguo.admin", Role.VILLAGE_ADMIN, leguo.path(), null, null);
        hedongKiosk = new Actor("leguo.kiosk1", Role.KIOSK, leguo.path(), null, "leguo.kiosk1");
        otherCountyKiosk = new Actor("x.kiosk1", Role.KIOSK, other.path(), null, "x.kiosk1");
    }

    private Household householdWith(long points) {
        Household h = households.register(hedongAdmin, new NewHousehold(null, "王建国", "", "", null,
                hedongGrid.code()));
        if (points > 0) {
            ledger.credit(hedongAdmin, new CreditCommand(h.householdId(), new EntryId("seed"), points, "test", "初始"));
        }
        Eventually.until("balance", () -> balance(h.householdId()) == points);
        return h;
    }

    private long balance(HouseholdId id) {
        return passbooks.balance(id).map(AccountBalance::balance).orElse(-1L);
    }

    private static String batch() {
        return UUID.randomUUID().toString();
    }

    @Test
    void issuingVouchersDebitsTheHouseholdOncePerVoucherEvenWhenTheFormIsSentTwice() {
        Household h = householdWith(100);
        String batch = batch();
        IssuedVouchers first = vouchers.issue(hedongAdmin, h.householdId(), List.of(10L, 20L, 5L), batch);
        IssuedVouchers again = vouchers.issue(hedongAdmin, h.householdId(), List.of(10L, 20L, 5L), batch);

        assertTrue(first.complete());
        assertEquals(3, first.vouchers().size());
        assertEquals(first.vouchers(), again.vouchers());
        assertEquals(65, first.balanceAfter());
        Eventually.until("balance", () -> balance(h.householdId()) == 65);
        Eventually.until("views", () -> vouchers.ofBatch(hedongAdmin, batch).size() == 3);
        assertTrue(vouchers.ofBatch(hedongAdmin, batch).stream().allMatch(v -> v.status() == VoucherStatus.ISSUED));
    }

    @Test
    void theSameFormSentManyTimesAtOnceIsClaimedByOneCallAndDebitedOnce() throws Exception {
        Household h = householdWith(100);
        String batch = batch();
        int calls = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Future<IssuedVouchers>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return vouchers.issue(hedongAdmin, h.householdId(), List.of(10L, 20L), batch);
                }));
            }
            start.countDown();
            int claimed = 0;
            for (Future<IssuedVouchers> answer : answers) {
                IssuedVouchers issued = answer.get(60, TimeUnit.SECONDS);
                assertEquals(2, issued.vouchers().size());
                claimed += issued.batchClaimedNow() ? 1 : 0;
            }
            // the API answers Created to that one call only (VoucherApi)
            assertEquals(1, claimed, "calls that claimed the batch");
        } finally {
            pool.shutdownNow();
        }
        Eventually.until("balance", () -> balance(h.householdId()) == 70);
        assertEquals(70, ledger.balance(hedongAdmin, h.householdId()));
    }

    @Test
    void theSameBatchIdForAnotherHouseholdOrOtherValuesIsRefused() {
        Household h = householdWith(100);
        Household other = householdWith(100);
        String batch = batch();
        vouchers.issue(hedongAdmin, h.householdId(), List.of(10L), batch);
        assertEquals("voucher.batch.reused", assertThrows(VoucherRefusal.class,
                () -> vouchers.issue(hedongAdmin, other.householdId(), List.of(10L), batch)).code());
        assertEquals("voucher.batch.reused", assertThrows(VoucherRefusal.class,
                () -> vouchers.issue(hedongAdmin, h.householdId(), List.of(20L), batch)).code());
    }

    @Test
    void vouchersBeyondTheBalanceOrOfAnUnknownFaceValueAreRefusedAndNothingIsDebited() {
        Household h = householdWith(30);
        assertEquals("voucher.issue.insufficient", assertThrows(VoucherRefusal.class,
                () -> vouchers.issue(hedongAdmin, h.householdId(), List.of(20L, 20L), batch())).code());
        assertEquals("voucher.denomination.invalid", assertThrows(VoucherRefusal.class,
                () -> vouchers.issue(hedongAdmin, h.householdId(), List.of(7L), batch())).code());
        assertEquals("voucher.issue.none", assertThrows(VoucherRefusal.class,
                () -> vouchers.issue(hedongAdmin, h.householdId(), List.of(), batch())).code());
        assertEquals(30, balance(h.householdId()));
    }

    /** The balance a voucher needs is the ledger's: a passbook view that lags (here: set to 0) refuses nothing. */
    @Test
    void aLaggingBalanceViewDoesNotRefuseVouchersTheLedgerCovers() {
        Household h = householdWith(40);
        new Sql(dataSource).update(
                "UPDATE account_balance SET balance = 0 WHERE household_id = ?", h.id());
        IssuedVouchers issued = vouchers.issue(hedongAdmin, h.householdId(), List.of(20L, 10L), batch());
        assertTrue(issued.complete());
        assertEquals(10, issued.balanceAfter());
    }

    @Test
    void anAdministratorOfAnotherVillageCannotIssueToTheHousehold() {
        Household h = householdWith(30);
        assertThrows(AccessDenied.class, () -> vouchers.issue(leguoAdmin, h.householdId(), List.of(10L), batch()));
    }

    @Test
    void aVoucherIsRedeemedOnceAtAnySupermarketOfTheCountyAndRefusedTheSecondTime() {
        Household h = householdWith(50);
        String batch = batch();
        VoucherSerial serial = new VoucherSerial(
                vouchers.issue(hedongAdmin, h.householdId(), List.of(10L), batch).vouchers().get(0).serial());
        Eventually.until("view", () -> vouchers.find(serial).isPresent());
        String code = vouchers.printedCode(hedongAdmin, serial);

        assertEquals(10, vouchers.check(hedongKiosk, code).points());
        assertEquals(VoucherStatus.REDEEMED,
                vouchers.redeem(hedongKiosk, vouchers.verify(code), "checkout:1", "supermarket-2").status());
        assertEquals(VoucherStatus.REDEEMED,
                vouchers.redeem(hedongKiosk, serial, "checkout:1", "supermarket-2").status(), "a retry");
        assertEquals("voucher.redeemed", assertThrows(VoucherRefusal.class,
                () -> vouchers.redeem(hedongKiosk, serial, "checkout:2", "supermarket-2")).code());
        assertEquals("voucher.other-county", assertThrows(VoucherRefusal.class,
                () -> vouchers.check(otherCountyKiosk, code)).code());
        Eventually.until("redeemed view", () -> vouchers.find(serial).orElseThrow().status() == VoucherStatus.REDEEMED);
    }

    @Test
    void aVoidedVoucherCreditsTheHouseholdBackOnceAndIsThenRefused() {
        Household h = householdWith(50);
        VoucherSerial serial = new VoucherSerial(
                vouchers.issue(hedongAdmin, h.householdId(), List.of(20L), batch()).vouchers().get(0).serial());
        Eventually.until("view", () -> vouchers.find(serial).isPresent());
        vouchers.voidVoucher(hedongAdmin, serial, "村民报失");
        vouchers.voidVoucher(hedongAdmin, serial, "村民报失");
        Eventually.until("credited back", () -> balance(h.householdId()) == 50);
        assertEquals("voucher.voided", assertThrows(VoucherRefusal.class,
                () -> vouchers.redeem(hedongKiosk, serial, "checkout:x", "supermarket-2")).code());
        assertEquals(50, balance(h.householdId()));
    }

    @Test
    void aVoidTheLedgerRefusesChangesNothing() {
        Household h = householdWith(50);
        Household into = householdWith(0);
        VoucherSerial serial = new VoucherSerial(
                vouchers.issue(hedongAdmin, h.householdId(), List.of(20L), batch()).vouchers().get(0).serial());
        Eventually.until("view", () -> vouchers.find(serial).isPresent());
        // 合户: the household's account is closed, so the voucher's points cannot go back to it
        ledger.merge(hedongAdmin, "merge-" + h.householdId().value(), h.householdId(), into.householdId(), "合户");

        BadInput refused = assertThrows(BadInput.class, () -> vouchers.voidVoucher(hedongAdmin, serial, "村民报失"));
        assertEquals("ledger.account.closed", refused.code());
        // the voucher was not voided: it still pays (before, it was void and its 20 points were lost)
        vouchers.redeem(hedongKiosk, serial, "checkout:after-refused-void", "supermarket-2");
    }

    @Test
    void aForgedCodeIsRefusedAndAnUnknownSerialIsNotFound() {
        String forged = "V00000001-ABCDEFGHJK";
        assertEquals("voucher.forged", assertThrows(VoucherRefusal.class,
                () -> vouchers.check(hedongKiosk, forged)).code());
        VoucherSerial never = VoucherSerial.of(99_999_999);
        assertThrows(NotFound.class, () -> vouchers.redeem(hedongKiosk, never, "checkout:1", "supermarket-1"));
    }
}
