package cn.moralbank.points.ranking;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.household.HouseholdStatus;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import io.micronaut.context.ApplicationContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small county for ranking tests: two townships, 河东村 (two grids) and 乐国窝铺村 in the first, 小北沟村 in the
 * second. Households are put straight into the register, without opening accounts: the tests send the projection
 * the events themselves. {@code tag} keeps codes apart when one database holds several worlds.
 */
final class RankingWorld {
    final Region county;
    final Region humaying;
    final Region huangqi;
    final Region hedong;
    final Region hedongGrid1;
    final Region hedongGrid2;
    final Region leguo;
    final Region leguoGrid;
    final Region xiaobeigou;
    final Region xiaobeigouGrid;
    final Actor office;
    private final HouseholdRepository households;
    private int cards;
    private final String tag;

    RankingWorld(ApplicationContext context, String tag) {
        this.tag = tag;
        Regions regions = context.getBean(Regions.class);
        households = context.getBean(HouseholdRepository.class);
        county = regions.createCounty("C" + tag, "丰宁满族自治县");
        humaying = regions.createChild(county, "T1" + tag, "胡麻营镇");
        huangqi = regions.createChild(county, "T2" + tag, "黄旗镇");
        hedong = regions.createChild(humaying, "V1" + tag, "河东村");
        hedongGrid1 = regions.createChild(hedong, "G11" + tag, "第一网格");
        hedongGrid2 = regions.createChild(hedong, "G12" + tag, "第二网格");
        leguo = regions.createChild(humaying, "V2" + tag, "乐国窝铺村");
        leguoGrid = regions.createChild(leguo, "G21" + tag, "第一网格");
        xiaobeigou = regions.createChild(huangqi, "V3" + tag, "小北沟村");
        xiaobeigouGrid = regions.createChild(xiaobeigou, "G31" + tag, "第一网格");
        office = new Actor("office-" + tag, Role.COUNTY_OFFICE, county.path(), null, null);
    }

    /** A household of a grid, registered without an account. */
    HouseholdId household(Region grid, String name) {
        String id = HouseholdId.newId().value();
        households.save(new Household(id, Math.abs(tag.hashCode() % 1000) + 1000 + String.format("%06d", ++cards), name, "",
                "", null, grid.id(), grid.path(), HouseholdStatus.ACTIVE, null, Instant.now()));
        return new HouseholdId(id);
    }

    List<HouseholdId> households(Region grid, int count) {
        List<HouseholdId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(household(grid, "户" + i));
        }
        return ids;
    }
}
