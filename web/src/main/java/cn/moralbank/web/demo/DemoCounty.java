package cn.moralbank.web.demo;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.people.People;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo county: Fengning (丰宁满族自治县), where the moral bank began, with the townships and villages named in
 * reports of it, 210 households in seven grids, people for every role. The households opened their accounts a year
 * ago (the opening's event is dated then), and a third of them redeemed goods at their village's love supermarket on
 * some day of that year. Their good deeds are told by DemoStandings and DemoDeeds as deeds, reviewed and confirmed,
 * so that every credit on a passbook is a deed the reports and the honour roll count, at its rule's points.
 * Every account is demo-only: the password of all of them is {@value #PASSWORD}.
 */
final class DemoCounty {
    static final String PASSWORD = "demo1234";
    static final String COUNTY_CODE = "130826";
    /** 胡麻营镇 河东村, where the moral bank began; its grids are this code followed by 01, 02. */
    static final String HEDONG_CODE = "130826103201";
    private static final String[] SURNAMES = "王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林".split("");
    private static final String[] GIVEN = {"建国", "秀兰", "玉珍", "永强", "志刚", "桂芳", "春生", "淑华", "德胜",
            "海龙", "凤英", "国华", "文明", "丽娟", "金山", "秀英", "振华", "宝山", "玉兰", "长青", "树林", "春花"};
    private static final String[] RELATIONS = {"妻子", "儿子", "女儿", "儿媳", "孙子", "孙女", "母亲", "父亲"};
    private static final String[][] VILLAGES = {
            // township code, township, village, grids
            {"130826103", "胡麻营镇", "河东村", "2"},
            {"130826102", "黄旗镇", "乐国窝铺村", "1"},
            {"130826104", "大滩镇", "小北沟村", "1"},
            {"130826101", "凤山镇", "勒营村", "1"},
            {"130826105", "波罗诺镇", "波西村", "1"},
            {"130826100", "大阁镇", "达四沟村", "1"},
    };
    /** What a household took home, as the kiosk writes it on the passbook, and its points. */
    private static final String[][] GOODS = {{"食用油×1", "30"}, {"洗衣粉×2", "12"}, {"大米×1", "25"},
            {"毛巾×2", "8"}};

    private final Regions regions;
    private final CountySettings settings;
    private final Households households;
    private final People people;
    private final Ledger ledger;
    private final DemoSupermarkets supermarkets;
    private final Random random = new Random(2026);
    private final Clock clock;
    private Region county;

    DemoCounty(Clock clock, Regions regions, CountySettings settings, Households households, People people,
               Ledger ledger,
               DemoSupermarkets supermarkets) {
        this.clock = clock;
        this.regions = regions;
        this.settings = settings;
        this.households = households;
        this.people = people;
        this.ledger = ledger;
        this.supermarkets = supermarkets;
    }

    /** Loads everything; the caller runs it once, in one transaction. Returns the number of households. */
    int load() {
        county = regions.createCounty(COUNTY_CODE, "丰宁满族自治县");
        settings.save(county, 60, 7);
        person("wenmingban", "县文明办 李主任", Role.COUNTY_OFFICE, county);
        int count = 0;
        for (String[] v : VILLAGES) {
            Region township = regions.createChild(county, v[0], v[1]);
            Region village = regions.createChild(township, v[0] + "201", v[2]);
            List<Region> grids = new ArrayList<>();
            for (int g = 1; g <= Integer.parseInt(v[3]); g++) {
                grids.add(regions.createChild(village, village.code() + "0" + g, "第" + "一二三".charAt(g - 1) + "网格"));
            }
            count += peopleAndHouseholds(township, village, grids);
        }
        return count;
    }

    private int peopleAndHouseholds(Region township, Region village, List<Region> grids) {
        String key = switch (village.name()) {
            case "河东村" -> "hedong";
            case "乐国窝铺村" -> "leguo";
            case "小北沟村" -> "xiaobeigou";
            case "勒营村" -> "leying";
            case "波西村" -> "boxi";
            default -> "dasigou";
        };
        String townKey = switch (township.name()) {
            case "胡麻营镇" -> "humaying";
            case "黄旗镇" -> "huangqi";
            case "大滩镇" -> "datan";
            case "凤山镇" -> "fengshan";
            case "波罗诺镇" -> "boluonuo";
            default -> "dage";
        };
        person(townKey, township.name() + " " + name(), Role.TOWNSHIP_OFFICER, township);
        Actor admin = new Actor(key + ".admin", Role.VILLAGE_ADMIN, village.path(), null, null);
        person(key + ".admin", name() + "（管理员）", Role.VILLAGE_ADMIN, village);
        for (int c = 1; c <= 5; c++) {
            person(key + ".c" + c, name() + "（评议委员）", Role.COMMITTEE_MEMBER, village);
        }
        // the village's love supermarket, its operator and its kiosk device (see DemoSupermarkets)
        long shop = supermarkets.open(county, village, key + ".shop").id();
        people.create(key + ".shop", name() + "（超市）", PASSWORD, Role.SUPERMARKET_OPERATOR, village.id(), null, shop);
        people.create(key + ".kiosk1", village.name() + "爱心超市 1号机", PASSWORD, Role.KIOSK, village.id(), null, shop);
        int count = 0;
        for (int g = 0; g < grids.size(); g++) {
            Region grid = grids.get(g);
            person(key + ".grid" + (g + 1), name() + "（网格员）", Role.GRID_WORKER, grid);
            for (int i = 0; i < 30; i++) {
                NewHousehold form = new NewHousehold(null, name(), members(),
                        village.name() + (g + 1) + "组" + (i + 1) + "号", phone(), grid.code());
                Household h = DemoTime.at(yearAgo(), () -> households.register(admin, form));
                history(admin, village, h, i);
                if (count == 0 && g == 0) {
                    households.setPin(admin, h.householdId(), "1234");
                    people.create(key + ".villager", h.headName(), PASSWORD, Role.VILLAGER, null, h.id(), null);
                }
                count++;
            }
        }
        return count;
    }

    /**
     * A third of the households redeemed something from their opening points on a day of the past year, booked as
     * the love supermarket's checkouts are (their ids begin {@code checkout:}), so the rankings count it as redeemed.
     */
    private void history(Actor admin, Region village, Household h, int i) {
        if (i % 3 != 0) {
            return;
        }
        HouseholdId id = h.householdId();
        String[] goods = GOODS[random.nextInt(GOODS.length)];
        Instant when = LocalDate.now(clock).minusDays(3 + random.nextInt(340)).atTime(10, 0)
                .atZone(DemoTime.VILLAGES).toInstant();
        DemoTime.at(when, () -> ledger.debit(admin, new DebitCommand(id, new EntryId(EntryId.CHECKOUT + "demo-" + h.id()),
                Long.parseLong(goods[1]), "demo", village.name() + "爱心超市 兑换：" + goods[0])));
    }

    /** When the demo's households opened their accounts: a year before the first start, in the morning. */
    private Instant yearAgo() {
        return LocalDate.now(clock).minusYears(1).atTime(9, 0).atZone(DemoTime.VILLAGES).toInstant();
    }

    private void person(String username, String displayName, Role role, Region region) {
        people.create(username, displayName, PASSWORD, role, region.id(), null, null);
    }

    private String name() {
        return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
    }

    private String members() {
        int n = random.nextInt(4);
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(name() + "/" + RELATIONS[random.nextInt(RELATIONS.length)]);
        }
        return String.join(";", list);
    }

    private String phone() {
        return random.nextInt(3) == 0 ? null : "13" + (100000000 + random.nextInt(899999999));
    }
}
