package cn.moralbank.kiosk.stock;

import cn.moralbank.kiosk.api.KioskRefusal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A donation's declared value as people write it, in fen. */
class YuanTest {
    @Test
    void yuanAsWrittenWithPointAndThousandsGrouping() {
        assertEquals(12_050, Yuan.toFen("120.5"));
        assertEquals(8_000, Yuan.toFen("80"));
        assertEquals(120_050, Yuan.toFen("1,200.50"));
        assertEquals(123_456_700, Yuan.toFen("¥1,234,567"));
        assertEquals(0, Yuan.toFen(" "));
    }

    @Test
    void aCommaThatIsNotBetweenGroupsOfThreeIsRefusedNotReadTenTimesTooLarge() {
        // "12,5" was read as 125 yuan (12500 fen)
        for (String written : new String[]{"12,5", "1,20", "1,2000", ",120", "120,", "1,,200", "12,50.5"}) {
            assertEquals("stock.donation.value-invalid",
                    assertThrows(KioskRefusal.class, () -> Yuan.toFen(written), written).code(), written);
        }
    }

    @Test
    void otherScriptsExponentsAndNegativesAreRefused() {
        for (String written : new String[]{"１２", "1.5e3", "-5", "1.234", "12.5.1"}) {
            assertThrows(KioskRefusal.class, () -> Yuan.toFen(written), written);
        }
    }
}
