package cn.moralbank.kiosk.api;

import org.jmolecules.ddd.annotation.ValueObject;

/**
 * How many items of one product: a whole number within the bound of what it counts (issue 14: a value type that
 * checks its own range, so that no service can forget). One place for every quantity the supermarket takes: a
 * basket line at the kiosk (1 to {@value #MAX_IN_BASKET}), a reservation line (1 to {@value #MAX_RESERVED}), goods
 * donated or taken out (1 to {@value #MAX_GOODS}) and a count of the shelf (0 to {@value #MAX_GOODS}). The stock
 * commands check theirs when they are made; the refusal names the product and the quantity in the caller's language
 * ({@code checkout.quantity.invalid}, {@code stock.quantity.invalid}).
 */
@ValueObject
public record Quantity(long value) {
    public static final long MAX_IN_BASKET = 99;
    public static final long MAX_RESERVED = 999;
    public static final long MAX_GOODS = 100_000;

    /** Any quantity of goods the supermarket could hold: 0 to {@link #MAX_GOODS}. */
    public Quantity {
        if (value < 0 || value > MAX_GOODS) {
            throw new KioskRefusal("stock.quantity.invalid", "", value);
        }
    }

    /** A line of a villager's basket at the kiosk. */
    public static Quantity inBasket(long value) {
        if (value <= 0 || value > MAX_IN_BASKET) {
            throw new KioskRefusal("checkout.quantity.invalid", value, MAX_IN_BASKET);
        }
        return new Quantity(value);
    }

    /** Goods of one product set aside, donated or taken out: at least one, at most {@code max}. */
    public static Quantity ofGoods(long value, long max, String productName) {
        if (value <= 0 || value > Math.min(max, MAX_GOODS)) {
            throw new KioskRefusal("stock.quantity.invalid", productName, value);
        }
        return new Quantity(value);
    }

    /** What a count found on the shelf: zero or more. */
    public static Quantity counted(long value, String productName) {
        if (value < 0 || value > MAX_GOODS) {
            throw new KioskRefusal("stock.quantity.invalid", productName, value);
        }
        return new Quantity(value);
    }
}
