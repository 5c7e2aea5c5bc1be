package cn.moralbank.kiosk.http;

import cn.moralbank.kiosk.api.AdjustmentKind;
import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.api.ProductId;
import cn.moralbank.kiosk.api.SupermarketId;
import cn.moralbank.kiosk.checkout.CheckoutResult;
import cn.moralbank.kiosk.checkout.Refunds;
import cn.moralbank.kiosk.product.NewProduct;
import cn.moralbank.kiosk.product.Product;
import cn.moralbank.kiosk.product.ProductPrice;
import cn.moralbank.kiosk.product.Products;
import cn.moralbank.kiosk.sales.DaySales;
import cn.moralbank.kiosk.sales.Sales;
import cn.moralbank.kiosk.stock.AdjustmentView;
import cn.moralbank.kiosk.stock.DonationForm;
import cn.moralbank.kiosk.stock.DonationLineView;
import cn.moralbank.kiosk.stock.Stock;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Supermarkets;
import cn.moralbank.kiosk.supermarket.Tills;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.region.Regions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * A supermarket over JSON: products and prices, stock, donations, adjustments, the day's sales and refunds. The
 * operator changes their own supermarket; the offices and the village administrator read those in their scope; a
 * kiosk reads its own.
 */
@Controller("/api/supermarkets")
@ExecuteOn(TaskExecutors.BLOCKING)
// no KIOSK: a kiosk device reads only what a checkout in progress needs, through /api/kiosk (least privilege)
@Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "SUPERMARKET_OPERATOR"})
class SupermarketApi {
    private final Supermarkets supermarkets;
    private final Tills tills;
    private final Products products;
    private final Stock stock;
    private final Sales sales;
    private final Refunds refunds;
    private final Regions regions;

    SupermarketApi(Supermarkets supermarkets, Tills tills, Products products, Stock stock, Sales sales,
                   Refunds refunds, Regions regions) {
        this.regions = regions;
        this.supermarkets = supermarkets;
        this.tills = tills;
        this.products = products;
        this.stock = stock;
        this.sales = sales;
        this.refunds = refunds;
    }

    @Get
    List<Supermarket> list(Authentication auth) {
        Actor actor = ActorClaims.of(auth);
        if (actor.role() == Role.KIOSK || actor.role() == Role.SUPERMARKET_OPERATOR) {
            return List.of(tills.of(actor));
        }
        return supermarkets.within(actor);
    }

    /**
     * Opens a supermarket for a village, or for a township whose villages share one, with its stock book. Its
     * operators and kiosks are people attached to it ({@code person.supermarket_id}).
     */
    @Post
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN"})
    HttpResponse<Supermarket> open(Authentication auth, @Body NewSupermarket form) {
        Supermarket opened = supermarkets.create(ActorClaims.of(auth), form.name(),
                regions.byCode(form.regionCode() == null ? "" : form.regionCode()), form.address());
        return HttpResponse.created(opened, URI.create("/api/supermarkets/" + opened.id()));
    }

    @Get("/{id}")
    Supermarket get(Authentication auth, long id) {
        return tills.readable(ActorClaims.of(auth), new SupermarketId(id));
    }

    @Get("/{id}/products")
    List<Product> products(Authentication auth, long id) {
        tills.readable(ActorClaims.of(auth), new SupermarketId(id));
        return products.of(new SupermarketId(id));
    }

    @Post("/{id}/products")
    @Secured({"SUPERMARKET_OPERATOR"})
    HttpResponse<Product> addProduct(Authentication auth, long id, @Body NewProduct form) {
        Product product = products.create(ActorClaims.of(auth), new SupermarketId(id), form);
        return HttpResponse.created(product, URI.create("/api/supermarkets/" + id + "/products/" + product.id()));
    }

    @Put("/{id}/products/{productId}/price")
    @Secured({"SUPERMARKET_OPERATOR"})
    Product changePrice(Authentication auth, long id, long productId, @Body PriceChange change) {
        ownProduct(auth, id, productId);
        return products.changePrice(ActorClaims.of(auth), new ProductId(productId), change.pricePoints(),
                change.reason());
    }

    @Get("/{id}/products/{productId}/prices")
    List<ProductPrice> prices(Authentication auth, long id, long productId) {
        tills.readable(ActorClaims.of(auth), new SupermarketId(id));
        ownProduct(auth, id, productId);
        return products.history(new ProductId(productId));
    }

    @Get("/{id}/stock")
    List<Stock.StockRow> stock(Authentication auth, long id) {
        return stock.levels(ActorClaims.of(auth), new SupermarketId(id));
    }

    @Get("/{id}/donations")
    List<DonationLineView> donations(Authentication auth, long id, @QueryValue(defaultValue = "200") int limit) {
        tills.readable(ActorClaims.of(auth), new SupermarketId(id));
        return stock.donations(new SupermarketId(id), limit);
    }

    @Post("/{id}/donations")
    @Secured({"SUPERMARKET_OPERATOR"})
    HttpResponse<?> donate(Authentication auth, long id, @Body DonationForm form) {
        stock.donate(ActorClaims.of(auth), new SupermarketId(id), form);
        return HttpResponse.created(URI.create("/api/supermarkets/" + id + "/donations"));
    }

    @Get("/{id}/adjustments")
    List<AdjustmentView> adjustments(Authentication auth, long id, @QueryValue(defaultValue = "200") int limit) {
        return stock.adjustments(ActorClaims.of(auth), new SupermarketId(id), limit);
    }

    @Post("/{id}/adjustments")
    @Secured({"SUPERMARKET_OPERATOR"})
    HttpResponse<?> adjust(Authentication auth, long id, @Body Adjustment adjustment) {
        stock.adjust(ActorClaims.of(auth), new SupermarketId(id), adjustment.adjustmentId(), adjustment.productId(),
                adjustment.kind(), adjustment.quantity(), adjustment.reason());
        return HttpResponse.created(URI.create("/api/supermarkets/" + id + "/adjustments"));
    }

    @Get("/{id}/sales")
    DaySales sales(Authentication auth, long id, @Nullable @QueryValue LocalDate date) {
        return sales.day(ActorClaims.of(auth), new SupermarketId(id), date == null ? sales.today() : date);
    }

    /** Refunds a checkout, named by its id or by the receipt number; a second refund answers the first. */
    @Post("/{id}/refunds")
    @Secured({"SUPERMARKET_OPERATOR"})
    CheckoutResult refund(Authentication auth, long id, @Body Refund refund) {
        Actor actor = ActorClaims.of(auth);
        tills.operated(actor, new SupermarketId(id));
        String checkoutId = refund.checkoutId() != null ? refund.checkoutId()
                : refunds.byReceipt(actor, refund.receiptNo() == null ? -1 : refund.receiptNo()).checkoutId();
        return refunds.refund(actor, new CheckoutId(checkoutId), refund.reason());
    }

    private void ownProduct(Authentication auth, long id, long productId) {
        Product product = products.get(new ProductId(productId));
        if (product.supermarketId() != id) {
            throw new NotFound("product.not-found", productId);
        }
    }

    @Serdeable
    record NewSupermarket(@Nullable String name, @Nullable String regionCode, @Nullable String address) {
    }

    @Serdeable
    record PriceChange(long pricePoints, @Nullable String reason) {
    }

    @Serdeable
    record Adjustment(String adjustmentId, long productId, @Nullable AdjustmentKind kind, long quantity,
                      @Nullable String reason) {
    }

    @Serdeable
    record Refund(@Nullable String checkoutId, @Nullable Long receiptNo, @Nullable String reason) {
    }
}
