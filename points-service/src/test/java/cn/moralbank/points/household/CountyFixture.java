package cn.moralbank.points.household;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A small Fengning: two townships, a village in each, three grids in 河东村 (the third left empty for imports) and one
 * in 乐国窝铺村. Households start with a base score of 60. The administrator looks after 河东村 only; the
 * civilisation office (文明办) the whole county.
 */
final class CountyFixture {
    static final long BASE_SCORE = 60;

    final Region county;
    final Region hedong;
    final Region grid1;
    final Region grid2;
    final Region grid3;
    final Region leguowopuGrid;
    final Actor hedongAdmin;
    final Actor countyOffice;

    CountyFixture(Regions regions, CountySettings settings) {
        county = regions.createCounty("130826", "丰宁满族自治县");
        Region humaying = regions.createChild(county, "130826100", "胡麻营镇");
        hedong = regions.createChild(humaying, "130826100201", "河东村");
        grid1 = regions.createChild(hedong, "130826100201001", "河东村一组");
        grid2 = regions.createChild(hedong, "130826100201002", "河东村二组");
        grid3 = regions.createChild(hedong, "130826100201003", "河东村三组");
        Region huangqi = regions.createChild(county, "130826101", "黄旗镇");
        Region leguowopu = regions.createChild(huangqi, "130826101202", "乐国窝铺村");
        leguowopuGrid = regions.createChild(leguowopu, "130826101202001", "乐国窝铺村一组");
        settings.save(county, BASE_SCORE, 7);
        hedongAdmin = new Actor("hedong-admin", Role.VILLAGE_ADMIN, hedong.path(), null, null);
        countyOffice = new Actor("wenmingban", Role.COUNTY_OFFICE, county.path(), null, null);
    }

    Actor villagerOfHedong() {
        return new Actor("villager", Role.VILLAGER, hedong.path(), "someone", null);
    }

    /** A CSV as Excel saves it: rows ended by CRLF, in the given encoding. */
    static byte[] csv(Charset charset, String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(charset);
    }

    static byte[] csv(String... lines) {
        return csv(StandardCharsets.UTF_8, lines);
    }
}
