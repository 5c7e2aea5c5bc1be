package cn.moralbank.kiosk.testing;

import cn.moralbank.kiosk.api.DonorKind;
import cn.moralbank.kiosk.product.NewProduct;
import cn.moralbank.kiosk.product.Product;
import cn.moralbank.kiosk.product.Products;
import cn.moralbank.kiosk.stock.DonationForm;
import cn.moralbank.kiosk.stock.Stock;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Supermarkets;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.projection.AccountBalance;
import cn.moralbank.points.people.People;
import cn.moralbank.points.people.Person;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.testing.Eventually;
import io.micronaut.context.ApplicationContext;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Fengning for kiosk tests: 河东村 with a grid and its love supermarket (operator and two kiosks), and
 * 乐国窝铺村 with a supermarket of its own. Households get points and a PIN on request; products get stock by
 * donation. Everything through the real services, on the test's PostgreSQL.
 */
public final class KioskWorld {
    public static final String PIN = "1234";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    public final Region county;
    public final Region hedong;
    public final Region hedongGrid;
    public final Region leguo;
    public final Region leguoGrid;
    public final Actor hedongAdmin;
    public final Supermarket hedongShop;
    public final Supermarket leguoShop;
    public final Actor operator;
    public final Actor kiosk1;
    public final Actor kiosk2;
    public final Actor leguoOperator;
    public final Actor leguoKiosk;

    private final Households households;
    private final Ledger ledger;
    private final Passbooks passbooks;
    private final Products products;
    private final Stock stock;

    public KioskWorld(ApplicationContext context) {
        Regions regions = context.getBean(Regions.class);
        People people = context.getBean(People.class);
        Supermarkets supermarkets = context.getBean(Supermarkets.class);
        households = context.getBean(Households.class);
        ledger = context.getBean(Ledger.class);
        passbooks = context.getBean(Passbooks.class);
        products = context.getBean(Products.class);
        stock = context.getBean(Stock.class);

        county = regions.createCounty("130826", "丰宁满族自治县");
        context.getBean(CountySettings.class).save(county, 0, 7);
        Region humaying = regions.createChild(county, "130826103", "胡麻营镇");
        hedong = regions.createChild(humaying, "130826103201", "河东村");
        hedongGrid = regions.createChild(hedong, "13082610320101", "第一网格");
        Region huangqi = regions.createChild(county, "130826102", "黄旗镇");
        leguo = regions.createChild(huangqi, "130826102201", "乐国窝铺村");
        leguoGrid = regions.createChild(leguo, "13082610220101", "第一网格");
        hedongAdmin = actor(people, people.create("hedong.admin", "管理员", "secret-pass", Role.VILLAGE_ADMIN,
                hedong.id(), null, null));
        Actor countyOffice = new Actor("wenmingban", Role.COUNTY_OFFICE, county.path(), null, null);
        hedongShop = supermarkets.create(countyOffice, "河东村爱心超市", hedong, "村委会东侧");
        leguoShop = supermarkets.create(countyOffice, "乐国窝铺村爱心超市", leguo, "");
        operator = actor(people, people.create("hedong.shop", "张超市", "secret-pass", Role.SUPERMARKET_OPERATOR,
                hedong.id(), null, hedongShop.id()));
        kiosk1 = actor(people, people.create("hedong.kiosk1", "1号机", "secret-pass", Role.KIOSK, hedong.id(),
                null, hedongShop.id()));
        kiosk2 = actor(people, people.create("hedong.kiosk2", "2号机", "secret-pass", Role.KIOSK, hedong.id(),
                null, hedongShop.id()));
        leguoOperator = actor(people, people.create("leguo.shop", "李超市", "secret-pass",
                Role.SUPERMARKET_OPERATOR, leguo.id(), null, leguoShop.id()));
        leguoKiosk = actor(people, people.create("leguo.kiosk1", "1号机", "secret-pass", Role.KIOSK, leguo.id(),
                null, leguoShop.id()));
    }

    private static Actor actor(People people, Person person) {
        return people.actorOf(person);
    }

    /** A household of 河东村 with the points given (credited, so the balance projection shows them) and PIN 1234. */
    public Household household(long points) {
        return household(hedongGrid, points);
    }

    public Household household(Region grid, long points) {
        Actor admin = new Actor("admin", Role.VILLAGE_ADMIN, grid.path(), null, null);
        Household h = households.register(admin, new NewHousehold(null, "王" + COUNTER.incrementAndGet(), "", "",
                null, grid.code()));
        households.setPin(admin, h.householdId(), PIN);
        if (points > 0) {
            ledger.credit(admin, new CreditCommand(h.householdId(), new EntryId("seed"), points, "test", "好人好事"));
        }
        Eventually.until("balance of new household", () -> balance(h.householdId()) == points);
        return households.byCard(admin, h.cardNumber());
    }

    public long balance(HouseholdId household) {
        return passbooks.balance(household).map(AccountBalance::balance).orElse(-1L);
    }

    /** A product of a supermarket with this much stock, donated by the village. */
    public Product product(Supermarket shop, String name, long price, int monthlyLimit, long stockQuantity) {
        Actor op = shop.id().equals(hedongShop.id()) ? operator : leguoOperator;
        Product product = products.create(op, shop.supermarketId(),
                new NewProduct(name + COUNTER.incrementAndGet(), "桶", "oil", price, monthlyLimit));
        if (stockQuantity > 0) {
            donate(shop, product, stockQuantity);
        }
        return product;
    }

    public void donate(Supermarket shop, Product product, long quantity) {
        Actor op = shop.id().equals(hedongShop.id()) ? operator : leguoOperator;
        stock.donate(op, shop.supermarketId(), new DonationForm(UUID.randomUUID().toString(), "县供销社",
                DonorKind.ENTERPRISE, null, List.of(new DonationForm.Line(product.id(), quantity, "100.00")), null));
    }

    public long available(Supermarket shop, Product product) {
        return stock.rows(shop.supermarketId()).stream().filter(r -> r.product().id().equals(product.id()))
                .findFirst().map(Stock.StockRow::available).orElse(0L);
    }

    public long onHand(Supermarket shop, Product product) {
        return stock.rows(shop.supermarketId()).stream().filter(r -> r.product().id().equals(product.id()))
                .findFirst().map(r -> r.level().onHand()).orElse(0L);
    }
}
