package cn.moralbank.kiosk.api;

import org.jmolecules.ddd.annotation.ValueObject;

/**
 * One line of a basket: the product, how many, its price in points when the basket was built, and the product's
 * limit per household per month (0 for none) at that time.
 */
@ValueObject
public record SaleLine(ProductId productId, String productName, long quantity, long unitPoints, int monthlyLimit) {

    public long points() {
        return quantity * unitPoints;
    }
}
