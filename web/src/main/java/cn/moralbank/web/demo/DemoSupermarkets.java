package cn.moralbank.web.demo;

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
import cn.moralbank.points.region.Region;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo county's love supermarkets: one per village, with the everyday goods such shops hold (priced in points,
 * a few limited per household per month) and the donations that stocked them, from the kinds of donor the practice
 * names: an enterprise, an aid unit, the village collective.
 */
final class DemoSupermarkets {
    /** name, unit, picture, price in points, monthly limit per household (0: none). */
    private static final Object[][] GOODS = {
            {"食用油（5升）", "桶", "oil", 30, 2}, {"大米（10斤）", "袋", "rice", 25, 2}, {"面粉（5斤）", "袋", "flour", 15, 0},
            {"挂面", "把", "noodles", 5, 0}, {"洗衣粉", "袋", "detergent", 8, 0}, {"香皂", "块", "soap", 4, 0},
            {"毛巾", "条", "towel", 6, 0}, {"酱油", "瓶", "soy", 6, 0}, {"食盐", "袋", "salt", 2, 0},
            {"鸡蛋", "盒", "eggs", 15, 4}, {"抽纸", "包", "tissue", 3, 0}, {"牙膏", "支", "toothpaste", 6, 0}};
    /** donor, kind, days ago, then picture, quantity and declared value in yuan, repeated. */
    private static final Object[][] DONATIONS = {
            {"丰宁县供销合作社", DonorKind.ENTERPRISE, 20, "oil", 20, "1200", "rice", 20, "900", "flour", 15, "300"},
            {"县文明办帮扶工作队", DonorKind.AID_UNIT, 12, "detergent", 30, "360", "soap", 40, "200", "towel", 20,
                    "240", "toothpaste", 20, "200"},
            {"村集体", DonorKind.VILLAGE, 5, "noodles", 30, "150", "soy", 20, "160", "salt", 30, "60", "eggs", 20,
                    "400", "tissue", 40, "120"}};

    private final Supermarkets supermarkets;
    private final Products products;
    private final Stock stock;

    private final Clock clock;

    DemoSupermarkets(Supermarkets supermarkets, Products products, Stock stock, Clock clock) {
        this.clock = clock;
        this.supermarkets = supermarkets;
        this.products = products;
        this.stock = stock;
    }

    /** Opens the village's supermarket with its goods and first donations; the operator's username is given. */
    Supermarket open(Region county, Region village, String operator) {
        Actor office = new Actor("wenmingban", Role.COUNTY_OFFICE, county.path(), null, null);
        Supermarket shop = supermarkets.create(office, village.name() + "爱心超市", village, village.name() + "村委会东侧");
        Actor shopActor = new Actor(operator, Role.SUPERMARKET_OPERATOR, village.path(), null, null);
        Map<String, Product> byPicture = new HashMap<>();
        for (Object[] g : GOODS) {
            Product p = products.add(shopActor, shop, new NewProduct((String) g[0], (String) g[1], (String) g[2],
                    (Integer) g[3], (Integer) g[4]));
            byPicture.put(p.picture(), p);
        }
        for (Object[] d : DONATIONS) {
            List<DonationForm.Line> lines = new ArrayList<>();
            for (int i = 3; i < d.length; i += 3) {
                lines.add(new DonationForm.Line(byPicture.get((String) d[i]).id(), (Integer) d[i + 1],
                        (String) d[i + 2]));
            }
            stock.record(shopActor, shop, new DonationForm(UUID.randomUUID().toString(), (String) d[0],
                    (DonorKind) d[1], LocalDate.now(clock).minusDays((Integer) d[2]), lines, ""));
        }
        return shop;
    }
}
