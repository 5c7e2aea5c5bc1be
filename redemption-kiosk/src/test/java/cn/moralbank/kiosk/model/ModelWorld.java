package cn.moralbank.kiosk.model;

import cn.moralbank.kiosk.testing.KioskWorld;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.people.People;
import cn.moralbank.points.rules.Category;
import cn.moralbank.points.rules.Evidence;
import cn.moralbank.points.rules.Rule;
import cn.moralbank.points.rules.RuleDraft;
import cn.moralbank.points.rules.RulesCatalog;
import io.micronaut.context.ApplicationContext;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The county the random sequences run in, made once per application: {@link KioskWorld}'s 河东村 with its love
 * supermarket, operator and kiosk, plus a grid worker, a review committee of five, and two rules of the county's
 * catalog (a good deed of 5 points, bad behaviour of 10). Each sequence then registers households and products of
 * its own, so it starts from a model of its own.
 */
final class ModelWorld {
    final KioskWorld kiosk;
    final Actor gridWorker;
    final List<Actor> committee;
    final Rule helping;
    final Rule fighting;

    ModelWorld(ApplicationContext context) {
        kiosk = new KioskWorld(context);
        People people = context.getBean(People.class);
        long village = kiosk.hedong.id();
        gridWorker = people.actorOf(people.create("hedong.grid1", "网格员", "secret-pass", Role.GRID_WORKER,
                kiosk.hedongGrid.id(), null, null));
        committee = IntStream.rangeClosed(1, CountyModel.COMMITTEE).mapToObj(i -> people.actorOf(people.create(
                "hedong.c" + i, "委员" + i, "secret-pass", Role.COMMITTEE_MEMBER, village, null, null))).toList();
        RulesCatalog catalog = context.getBean(RulesCatalog.class);
        Actor office = new Actor("wenmingban", Role.COUNTY_OFFICE, kiosk.county.path(), null, null);
        helping = catalog.addCountyRule(office, kiosk.county.id(),
                RuleDraft.fixed("SOC-01", "助人为乐", Category.SOCIAL, 5, Evidence.NONE), null);
        fighting = catalog.addCountyRule(office, kiosk.county.id(),
                RuleDraft.fixed("SOC-09", "打架斗殴", Category.SOCIAL, -10, Evidence.NONE), null);
    }

    /** A villager of the household, as the notice board sees one who objects. */
    static Actor villager(String household, String gridPath) {
        return new Actor("villager-" + household.substring(0, 8), Role.VILLAGER, gridPath, household, null);
    }
}
