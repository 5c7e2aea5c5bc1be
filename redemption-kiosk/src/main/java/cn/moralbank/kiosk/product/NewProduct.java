package cn.moralbank.kiosk.product;

import io.micronaut.serde.annotation.Serdeable;

/** A product as the operator enters it. */
@Serdeable
public record NewProduct(String name, String unit, String picture, long pricePoints, int monthlyLimit) {
}
