package cn.moralbank.web.demo;

import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.people.People;
import cn.moralbank.points.people.PersonRepository;
import cn.moralbank.points.rating.RatingSettings;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.rules.RulesCatalog;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

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
    private final DemoStandings standings;

    DemoLoader(JdbcOperations jdbc, Regions regions, CountySettings settings, Households households, People people,
               Ledger ledger, CommandGateway gateway, RulesCatalog catalog, HouseholdRepository householdRepository,
               PersonRepository persons, RatingSettings ratingSettings, Clock clock) {
        this.jdbc = jdbc;
        this.county = new DemoCounty(regions, settings, households, people, ledger);
        this.standings = new DemoStandings(gateway, ledger, catalog, regions, householdRepository, persons,
                ratingSettings, clock);
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
        int households = county.load();
        standings.load();
        jdbc.prepareStatement("INSERT INTO demo_load (id) VALUES (1)", ps -> ps.executeUpdate());
        LOG.info("Demo county loaded: {} households in {} ms. Sign in as hedong.admin / {}", households,
                System.currentTimeMillis() - start, DemoCounty.PASSWORD);
    }
}
