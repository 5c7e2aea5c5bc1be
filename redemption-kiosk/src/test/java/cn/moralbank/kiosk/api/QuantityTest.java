package cn.moralbank.kiosk.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Quantities check their own range (issue 14), in one place for the kiosk, the stock and donations. */
class QuantityTest {

    @Test
    void aBasketLineIsOneToNinetyNine() {
        assertEquals(1, Quantity.inBasket(1).value());
        assertEquals(99, Quantity.inBasket(99).value());
        for (long q : new long[] {0, -1, 100, Long.MIN_VALUE, Long.MAX_VALUE}) {
            KioskRefusal refusal = assertThrows(KioskRefusal.class, () -> Quantity.inBasket(q));
            assertEquals("checkout.quantity.invalid", refusal.code());
        }
    }

    @Test
    void goodsAreAtLeastOneAndACountMayBeZeroAndBothNameTheProduct() {
        assertEquals(0, Quantity.counted(0, "大米").value());
        assertEquals(Quantity.MAX_GOODS, Quantity.ofGoods(Quantity.MAX_GOODS, Long.MAX_VALUE, "大米").value());
        for (long q : new long[] {0, -3, Quantity.MAX_GOODS + 1, Long.MIN_VALUE}) {
            KioskRefusal refusal = assertThrows(KioskRefusal.class, () -> Quantity.ofGoods(q, Quantity.MAX_GOODS, "大米"));
            assertEquals("stock.quantity.invalid", refusal.code());
            assertEquals("大米", refusal.arguments().get(0));
        }
        assertThrows(KioskRefusal.class, () -> Quantity.ofGoods(Quantity.MAX_RESERVED + 1, Quantity.MAX_RESERVED, "油"));
        assertThrows(KioskRefusal.class, () -> Quantity.counted(-1, "大米"));
        assertThrows(KioskRefusal.class, () -> new Quantity(Long.MAX_VALUE));
    }
}
