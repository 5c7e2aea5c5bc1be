package cn.moralbank.kiosk.http;

import cn.moralbank.kiosk.stock.Stock;
import io.micronaut.serde.annotation.Serdeable;

/** A product as a kiosk offers it: picture, name, unit, price in points, how many are left, the monthly limit. */
@Serdeable
public record ProductOffer(long id, String name, String unit, String picture, long pricePoints, long available,
                           int monthlyLimit) {

    public static ProductOffer of(Stock.StockRow row) {
        return new ProductOffer(row.product().id(), row.product().name(), row.product().unit(),
                row.product().pictureUrl(), row.product().pricePoints(), Math.max(0, row.available()),
                row.product().monthlyLimit());
    }
}
