package cn.moralbank.kiosk.product;

import cn.moralbank.points.common.PlainText;
import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.api.ProductId;
import cn.moralbank.kiosk.api.SupermarketId;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Tills;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.ledger.api.Points;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Products and their prices in points. A price change is a new row of the price history with the moment it took
 * effect; a kiosk basket built before it is refused at checkout, so nobody pays a price they did not see.
 */
@Singleton
public class Products {
    static final int MAX_LIMIT = 999;
    private final ProductRepositories.Catalog catalog;
    private final ProductRepositories.Prices prices;
    private final Tills tills;
    private final Clock clock;

    Products(ProductRepositories.Catalog catalog, ProductRepositories.Prices prices, Tills tills, Clock clock) {
        this.catalog = catalog;
        this.prices = prices;
        this.tills = tills;
        this.clock = clock;
    }

    @Transactional
    public Product create(Actor actor, SupermarketId supermarketId, NewProduct form) {
        Supermarket supermarket = tills.operated(actor, supermarketId);
        return add(actor, supermarket, form);
    }

    /** Adds a product without the operator check: for the demo county and the operator's own calls above. */
    @Transactional
    public Product add(Actor actor, Supermarket supermarket, NewProduct form) {
        String name = text(form.name(), 50, "product.name.invalid");
        String unit = text(form.unit(), 10, "product.unit.invalid");
        requirePrice(form.pricePoints());
        requireLimit(form.monthlyLimit());
        if (catalog.existsBySupermarketIdAndName(supermarket.id(), name)) {
            throw new KioskRefusal("product.name.taken", name);
        }
        String picture = Pictures.known(form.picture()) ? form.picture() : Pictures.forName(name);
        Product product = catalog.save(new Product(null, supermarket.id(), name, unit, picture, form.pricePoints(),
                form.monthlyLimit(), true, clock.instant()));
        prices.save(new ProductPrice(null, product.id(), product.pricePoints(), product.createdAt(), actor.userId(),
                ""));
        return product;
    }

    @Transactional
    public Product changePrice(Actor actor, ProductId id, long newPrice, String reason) {
        Product product = get(id);
        tills.operated(actor, new SupermarketId(product.supermarketId()));
        requirePrice(newPrice);
        String why = reason == null ? "" : reason.strip();
        if (why.length() > 200) {
            throw new KioskRefusal("product.reason.too-long", 200);
        }
        if (!PlainText.storable(why)) {
            throw new KioskRefusal("product.reason.unstorable");
        }
        if (newPrice == product.pricePoints()) {
            return product;
        }
        Product changed = new Product(product.id(), product.supermarketId(), product.name(), product.unit(),
                product.picture(), newPrice, product.monthlyLimit(), product.active(), product.createdAt());
        catalog.update(changed);
        prices.save(new ProductPrice(null, product.id(), newPrice, clock.instant(), actor.userId(), why));
        return changed;
    }

    /** Changes what is not a price: unit, picture, monthly limit, on sale or not. */
    @Transactional
    public Product update(Actor actor, ProductId id, String unit, String picture, int monthlyLimit, boolean active) {
        Product product = get(id);
        tills.operated(actor, new SupermarketId(product.supermarketId()));
        requireLimit(monthlyLimit);
        Product changed = new Product(product.id(), product.supermarketId(), product.name(),
                text(unit, 10, "product.unit.invalid"), Pictures.known(picture) ? picture : product.picture(),
                product.pricePoints(), monthlyLimit, active, product.createdAt());
        return catalog.update(changed);
    }

    public Product get(ProductId id) {
        return catalog.findById(id.value()).orElseThrow(() -> new NotFound("product.not-found", id.value()));
    }

    public List<Product> of(SupermarketId supermarket) {
        return catalog.findBySupermarketIdOrderByName(supermarket.value());
    }

    public Map<Long, Product> byId(Collection<Long> ids) {
        return ids.isEmpty() ? Map.of() : catalog.findByIdIn(ids).stream()
                .collect(Collectors.toMap(Product::id, Function.identity()));
    }

    public List<ProductPrice> history(ProductId id) {
        return prices.findByProductIdOrderByValidFromDesc(id.value());
    }

    private static void requirePrice(long points) {
        if (points <= 0 || points > Points.MAX_PER_ENTRY) {
            throw new KioskRefusal("product.price.invalid", points);
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new KioskRefusal("product.limit.invalid", limit);
        }
    }

    private static String text(String value, int max, String code) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            throw new KioskRefusal(code, max);
        }
        if (!PlainText.name(value)) {
            throw new KioskRefusal("product.text.unstorable");
        }
        return value.strip();
    }
}
