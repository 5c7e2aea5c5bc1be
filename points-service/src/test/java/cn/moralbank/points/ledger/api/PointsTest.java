package cn.moralbank.points.ledger.api;

import cn.moralbank.points.deed.api.AdjustPointsCommand;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.voucher.api.IssueVoucherCommand;
import cn.moralbank.points.voucher.api.VoucherSerial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Points are a value type that checks its own range (issue 14): no ledger command, voucher or deed adjustment can be
 * made with points out of range, whichever service makes it, and the refusal names the points.
 */
class PointsTest {
    private static final HouseholdId HH = new HouseholdId("hh-1");
    private static final EntryId ENTRY = new EntryId("e-1");
    private static final List<Long> OUT_OF_RANGE = List.of(0L, -1L, -5_000_000L, Points.MAX_PER_ENTRY + 1,
            Long.MIN_VALUE, Long.MAX_VALUE);

    @Test
    void theRangeIsOneToTheLimitOfAnEntry() {
        assertEquals(1, Points.of(1).value());
        assertEquals(Points.MAX_PER_ENTRY, Points.of(Points.MAX_PER_ENTRY).value());
        assertEquals("ledger.points.not-positive", refused(() -> Points.of(0)).code());
        assertEquals("ledger.points.not-positive", refused(() -> Points.of(Long.MIN_VALUE)).code());
        assertEquals("ledger.points.too-large", refused(() -> Points.of(Long.MAX_VALUE)).code());
    }

    @Test
    void noLedgerCommandOrVoucherCanBeMadeWithPointsOutOfRange() {
        for (long p : OUT_OF_RANGE) {
            refused(() -> new CreditCommand(HH, ENTRY, p, "deed", "r"));
            refused(() -> new PenaliseCommand(HH, ENTRY, p, "deed", "r"));
            refused(() -> new DebitCommand(HH, ENTRY, p, "checkout", "r"));
            refused(() -> new TransferOutCommand(HH, ENTRY, p, new HouseholdId("hh-2"), "r"));
            refused(() -> new TransferInCommand(HH, ENTRY, p, new HouseholdId("hh-2"), "r"));
            refused(() -> new CarryOverBalanceCommand(HH, ENTRY, p, "P-1", LocalDate.of(2025, 1, 1), "r"));
            refused(() -> new IssueVoucherCommand(VoucherSerial.of(1), HH, p, "/1/", "/1/2/", "b", Instant.EPOCH));
        }
        assertDoesNotThrow(() -> new CreditCommand(HH, ENTRY, 5, "deed", "r"));
    }

    @Test
    void aDeedsPointsMayBeNegativeButNeverBeyondAnEntryEitherWay() {
        DeedId deed = new DeedId("d-1");
        assertDoesNotThrow(() -> new AdjustPointsCommand(deed, -5, "r", "c1"));
        assertDoesNotThrow(() -> new AdjustPointsCommand(deed, Points.MAX_PER_ENTRY, "r", "c1"));
        for (long p : List.of(Long.MIN_VALUE, -5_000_000L, -Points.MAX_PER_ENTRY - 1, Long.MAX_VALUE)) {
            assertEquals("ledger.points.too-large", refused(() -> new AdjustPointsCommand(deed, p, "r", "c1")).code());
        }
    }

    private static LedgerRefusal refused(Executable made) {
        return assertThrows(LedgerRefusal.class, made);
    }
}
