package cn.moralbank.web.demo;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.rules.Category;
import cn.moralbank.points.rules.Evidence;
import cn.moralbank.points.rules.LimitPeriod;
import cn.moralbank.points.rules.Rule;
import cn.moralbank.points.rules.RuleDraft;
import cn.moralbank.points.rules.RulesCatalog;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static cn.moralbank.points.rules.Category.*;

/**
 * The demo county's rules catalog (积分细则), from the items Fengning's practice rewards and the behaviour it set out
 * to change, across the five civilisations. In force from a year back: the demo's deeds lie in the past weeks.
 */
public final class DemoRules {
    private final RulesCatalog catalog;

    public DemoRules(RulesCatalog catalog) {
        this.catalog = catalog;
    }

    /** The county's rules by code, plus 河东村's one local rule (HD-01) and its one switched-off county rule. */
    Map<String, Rule> load(Region county, Region hedong, LocalDate since) {
        Map<String, Rule> rules = county(county, "wenmingban", since);
        Actor admin = new Actor("hedong.admin", Role.VILLAGE_ADMIN, hedong.path(), null, null);
        rules.put("HD-01", catalog.addLocalRule(admin, hedong.id(), rule("HD-01", "在村文化室义务教授剪纸", SPIRITUAL, 3,
                2, 5, Evidence.NONE, 2, LimitPeriod.MONTH, "河东村自定：传承剪纸手艺"), since));
        catalog.switchOff(admin, hedong.id(), rules.get("ECO-91").id(), "本村秸秆由镇里统一回收，不再单独上报");
        return rules;
    }

    /** The county rules alone, added by the county office's {@code officer}, in force from {@code since}; by code. */
    public Map<String, Rule> county(Region county, String officer, LocalDate since) {
        Actor office = new Actor(officer, Role.COUNTY_OFFICE, county.path(), null, null);
        Map<String, Rule> rules = new LinkedHashMap<>();
        add(rules, office, county, since, rule("MAT-01", "脱贫致富", MATERIAL, 20, 10, 30, Evidence.NONE, 1,
                LimitPeriod.YEAR, "当年主动退出贫困户，或家庭人均收入明显提高"));
        add(rules, office, county, since, rule("MAT-02", "学习致富技能（旅游服务、剪纸、手工布艺等培训）", MATERIAL, 3, 3,
                3, Evidence.NONE, 2, LimitPeriod.QUARTER, "参加县、乡组织的技能培训并结业"));
        add(rules, office, county, since, rule("POL-01", "积极宣传党的方针政策", POLITICAL, 5, 3, 8, Evidence.NONE, 2,
                LimitPeriod.MONTH, "向邻里宣讲惠农、医保、养老等政策"));
        add(rules, office, county, since, rule("POL-02", "参加村民代表会议、建言献策", POLITICAL, 3, 3, 3,
                Evidence.NONE, null, null, ""));
        add(rules, office, county, since, rule("SPI-01", "孝敬老人", SPIRITUAL, 10, 5, 15, Evidence.WITNESS, 1,
                LimitPeriod.QUARTER, "长期照料老人、尽心赡养父母"));
        add(rules, office, county, since, rule("SPI-02", "邻里和睦、调解纠纷", SPIRITUAL, 5, 3, 8, Evidence.NONE,
                null, null, ""));
        add(rules, office, county, since, rule("SOC-01", "助人为乐", SOCIAL, 5, 3, 10, Evidence.NONE, null, null,
                "帮助邻里、照顾五保户和留守儿童等"));
        add(rules, office, county, since, rule("SOC-02", "见义勇为", SOCIAL, 20, 10, 30, Evidence.WITNESS, null, null,
                ""));
        add(rules, office, county, since, rule("SOC-03", "参加志愿服务", SOCIAL, 3, 2, 5, Evidence.NONE, 4,
                LimitPeriod.MONTH, ""));
        add(rules, office, county, since, rule("ECO-01", "主动参与村环境卫生整治", ECOLOGICAL, 2, 2, 3, Evidence.NONE, 4,
                LimitPeriod.MONTH, ""));
        add(rules, office, county, since, rule("ECO-02", "义务植树保成活", ECOLOGICAL, 8, 5, 10, Evidence.PHOTO, null,
                null, "栽种后成活方可上报，须附照片"));
        add(rules, office, county, since, rule("ECO-03", "门前三包、庭院整洁", ECOLOGICAL, 2, 2, 2, Evidence.NONE, 1,
                LimitPeriod.MONTH, ""));
        add(rules, office, county, since, rule("SOC-90", "打架斗殴", SOCIAL, -15, -30, -10, Evidence.WITNESS, null,
                null, ""));
        add(rules, office, county, since, rule("SOC-91", "赌博", SOCIAL, -20, -30, -10, Evidence.NONE, null, null,
                ""));
        add(rules, office, county, since, rule("SPI-90", "不孝敬老人", SPIRITUAL, -20, -30, -10, Evidence.WITNESS,
                null, null, "不赡养、虐待或遗弃老人"));
        add(rules, office, county, since, rule("ECO-90", "乱扔垃圾", ECOLOGICAL, -2, -5, -2, Evidence.NONE, null,
                null, "向河道、路边倾倒生活垃圾"));
        add(rules, office, county, since, rule("ECO-91", "焚烧秸秆", ECOLOGICAL, -5, -10, -5, Evidence.NONE, null,
                null, ""));
        return rules;
    }

    private void add(Map<String, Rule> rules, Actor office, Region county, LocalDate since, RuleDraft draft) {
        rules.put(draft.code(), catalog.addCountyRule(office, county.id(), draft, since));
    }

    private static RuleDraft rule(String code, String name, Category category, long points, long min, long max,
                                  Evidence evidence, Integer limitCount, LimitPeriod limitPeriod,
                                  String description) {
        return new RuleDraft(code, name, category, points, min, max, evidence, limitCount, limitPeriod, description);
    }
}
