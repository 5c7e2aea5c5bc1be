package cn.moralbank.kiosk.api;

import org.jmolecules.ddd.annotation.ValueObject;

/** One kind of goods in a donation; the declared value is in fen (分 of a yuan), never a fraction. */
@ValueObject
public record DonationLine(ProductId productId, String productName, long quantity, long declaredValueFen) {
}
