package cn.moralbank.web.demo;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.deed.DeedPhotos;
import cn.moralbank.points.deed.ObjectionPeriodProcess;
import cn.moralbank.kiosk.product.Products;
import cn.moralbank.kiosk.stock.Stock;
import cn.moralbank.kiosk.supermarket.Supermarkets;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.people.People;
import cn.moralbank.points.people.PersonRepository;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.rules.Rule;
import cn.moralbank.points.rating.RatingSettings;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.rules.RulesCatalog;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import cn.moralbank.points.common.Commands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Loads the demo county once, on the first start of a database that asks for it (the embedded default does). A
 * marker row records the load; the load and the marker commit together, so a crash halfway loads it again whole.
 */
@Singleton
@Requires(property = "moralbank.demo.load", value = "true")
class DemoLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);
    private final JdbcOperations jdbc;
    private final DemoCounty county;
    private final Regions regions;
    private final Households households;
    private final PersonRepository persons;
    private final DemoRules rules;
    private final DemoDeeds deeds;
    private final DemoStandings standings;
    private final Clock clock;

    DemoLoader(JdbcOperations jdbc, Regions regions, CountySettings settings, Households households, People people,
               Ledger ledger, PersonRepository persons, RulesCatalog catalog, Commands commands,
               DeedPhotos photos, ObjectionPeriodProcess objectionPeriod, Clock clock,
               Supermarkets supermarkets, Products products, Stock stock,
               HouseholdRepository householdRepository, RatingSettings ratingSettings) {
        this.jdbc = jdbc;
        this.county = new DemoCounty(clock, regions, settings, households, people, ledger,
                new DemoSupermarkets(supermarkets, products, stock, clock));
        this.regions = regions;
        this.households = households;
        this.persons = persons;
        this.rules = new DemoRules(catalog);
        this.deeds = new DemoDeeds(commands, photos, objectionPeriod, clock);
        this.standings = new DemoStandings(commands, objectionPeriod, catalog, regions, householdRepository, persons,
                ratingSettings, clock);
        this.clock = clock;
    }

    @EventListener
    @Transactional
    void onStartup(StartupEvent event) {
        boolean loaded = jdbc.prepareStatement("SELECT count(*) FROM demo_load", ps -> {
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1) > 0;
        });
        if (loaded) {
            return;
        }
        long start = System.currentTimeMillis();
        LOG.info("First start: loading the demo county (six villages and a year of their history, a few seconds)...");
        int count = county.load();
        deedsOfHedong();
        // quarters of history for rankings and the grid workers' rating round; reuses the rules loaded above
        standings.load();
        jdbc.prepareStatement("INSERT INTO demo_load (id) VALUES (1)", ps -> ps.executeUpdate());
        LOG.info("Demo county loaded: {} households in {} ms. Sign in as hedong.admin / {}", count,
                System.currentTimeMillis() - start, DemoCounty.PASSWORD);
    }

    /**
     * The rules catalog and a few weeks of 河东村's deeds. The demo's households have been on the register for a
     * year (a deed cannot be older than its household), so its deeds and sessions can lie in the past weeks.
     */
    private void deedsOfHedong() {
        jdbc.prepareStatement("UPDATE household SET created_at = created_at - interval '1 year'",
                ps -> ps.executeUpdate());
        Region fengning = regions.byCode(DemoCounty.COUNTY_CODE);
        Region hedong = regions.byCode(DemoCounty.HEDONG_CODE);
        Map<String, Rule> catalog = rules.load(fengning, hedong, LocalDate.now(clock).minusYears(1));
        String villagerHousehold = persons.findByUsername("hedong.villager").orElseThrow().householdId();
        Actor admin = new Actor("hedong.admin", Role.VILLAGE_ADMIN, hedong.path(), null, null);
        List<Household> ofHedong = new ArrayList<>(households.allVisible(admin));
        ofHedong.sort(Comparator.comparing((Household h) -> !h.id().equals(villagerHousehold))
                .thenComparing(Household::cardNumber));
        deeds.load(hedong, regions.byCode(DemoCounty.HEDONG_CODE + "01"), regions.byCode(DemoCounty.HEDONG_CODE + "02"),
                ofHedong, catalog);
    }
}
