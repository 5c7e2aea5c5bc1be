package cn.moralbank.points.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneNumberTest {

    @Test
    void mobilesLandlinesAndInternationalNumbersPass() {
        for (String phone : new String[]{"13800000001", "0314-1234567", "0314 123 4567", "+86 138 0000 0001",
                "12345"}) {
            assertTrue(PhoneNumber.valid(phone), phone);
        }
    }

    /** An export writes phones as text; these would read as sums in a spreadsheet that trims and evaluates. */
    @Test
    void whatASpreadsheetCouldReadAsASumOrWhatIsNoNumberIsRefused() {
        for (String phone : new String[]{"+1+1+1", "-1-1-1", "1+1+1", "++8613800000001", "1234", "13800000001-",
                " 13800000001", "1".repeat(21), "１３８００００００００１", "=1+1"}) {
            assertFalse(PhoneNumber.valid(phone), phone);
        }
    }
}
