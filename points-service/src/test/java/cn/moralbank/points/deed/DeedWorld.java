package cn.moralbank.points.deed;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.people.People;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.rules.Category;
import cn.moralbank.points.rules.Evidence;
import cn.moralbank.points.rules.LimitPeriod;
import cn.moralbank.points.rules.Rule;
import cn.moralbank.points.rules.RuleDraft;
import cn.moralbank.points.rules.RulesCatalog;
import io.micronaut.context.ApplicationContext;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A small county for tests, built through the application's own services: 河东村 with two grids, a committee of
 * five, an administrator, grid workers and villagers, and 乐国窝铺村 next door; the county's rules catalog.
 * {@code tag} keeps region codes and usernames apart when one database holds several worlds.
 */
final class DeedWorld {
    static final String PASSWORD = "secret-password";
    static final long BASE_SCORE = 60;

    final Region county;
    final Region village;
    final Region grid1;
    final Region grid2;
    final Region otherVillage;
    final Actor countyOffice;
    final Actor admin;
    final Actor otherAdmin;
    final Actor gridWorker1;
    final Actor gridWorker2;
    final List<Actor> committee;
    final Household wang;
    final Household li;
    final Household zhao;
    final Household neighbour;
    final Actor villagerWang;
    final Actor villagerZhao;
    final Actor neighbourVillager;
    final Rule helping;
    final Rule fighting;
    final Rule cleanUp;
    final Rule trees;

    DeedWorld(ApplicationContext context, String tag) {
        Regions regions = context.getBean(Regions.class);
        People people = context.getBean(People.class);
        Households households = context.getBean(Households.class);
        RulesCatalog catalog = context.getBean(RulesCatalog.class);

        county = regions.createCounty("C" + tag, "丰宁满族自治县");
        context.getBean(CountySettings.class).save(county, BASE_SCORE, 7);
        Region township = regions.createChild(county, "T" + tag, "胡麻营镇");
        village = regions.createChild(township, "V" + tag, "河东村");
        grid1 = regions.createChild(village, "G1" + tag, "第一网格");
        grid2 = regions.createChild(village, "G2" + tag, "第二网格");
        otherVillage = regions.createChild(regions.createChild(county, "U" + tag, "黄旗镇"), "W" + tag, "乐国窝铺村");
        Region otherGrid = regions.createChild(otherVillage, "G3" + tag, "第一网格");

        String t = tag.toLowerCase();
        countyOffice = actor(people, "office-" + t, Role.COUNTY_OFFICE, county.id(), null);
        admin = actor(people, "admin-" + t, Role.VILLAGE_ADMIN, village.id(), null);
        otherAdmin = actor(people, "admin2-" + t, Role.VILLAGE_ADMIN, otherVillage.id(), null);
        gridWorker1 = actor(people, "grid1-" + t, Role.GRID_WORKER, grid1.id(), null);
        gridWorker2 = actor(people, "grid2-" + t, Role.GRID_WORKER, grid2.id(), null);
        committee = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> actor(people, "member" + i + "-" + t, Role.COMMITTEE_MEMBER, village.id(), null))
                .toList();

        wang = households.register(admin, new NewHousehold(null, "王建国", "李秀兰/妻子", "河东村1号", null, grid1.code()));
        li = households.register(admin, new NewHousehold(null, "李福贵", "", "河东村2号", null, grid1.code()));
        zhao = households.register(admin, new NewHousehold(null, "赵玉梅", "", "河东村9号", null, grid2.code()));
        neighbour = households.register(otherAdmin,
                new NewHousehold(null, "孙长海", "", "乐国窝铺村3号", null, otherGrid.code()));
        villagerWang = actor(people, "wang-" + t, Role.VILLAGER, null, wang.id());
        villagerZhao = actor(people, "zhao-" + t, Role.VILLAGER, null, zhao.id());
        neighbourVillager = actor(people, "sun-" + t, Role.VILLAGER, null, neighbour.id());

        helping = catalog.addCountyRule(countyOffice, county.id(),
                RuleDraft.fixed("SOC-01", "助人为乐", Category.SOCIAL, 5, Evidence.NONE).withRange(3, 10), null);
        fighting = catalog.addCountyRule(countyOffice, county.id(),
                RuleDraft.fixed("SOC-09", "打架斗殴", Category.SOCIAL, -10, Evidence.NONE).withRange(-20, -5), null);
        cleanUp = catalog.addCountyRule(countyOffice, county.id(),
                RuleDraft.fixed("ECO-01", "主动参与村环境卫生整治", Category.ECOLOGICAL, 2, Evidence.NONE)
                        .withLimit(1, LimitPeriod.MONTH), null);
        trees = catalog.addCountyRule(countyOffice, county.id(),
                RuleDraft.fixed("ECO-02", "义务植树保成活", Category.ECOLOGICAL, 8, Evidence.PHOTO), null);
    }

    private static Actor actor(People people, String username, Role role, Long regionId, String householdId) {
        return people.actorOf(people.create(username, username, PASSWORD, role, regionId, householdId, null));
    }
}
