package cn.moralbank.web.demo;

import cn.moralbank.kiosk.product.Products;
import cn.moralbank.kiosk.stock.Stock;
import cn.moralbank.kiosk.supermarket.Supermarkets;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.people.People;
import cn.moralbank.points.region.Regions;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    DemoLoader(JdbcOperations jdbc, Regions regions, CountySettings settings, Households households, People people,
               Ledger ledger, Supermarkets supermarkets, Products products, Stock stock) {
        this.jdbc = jdbc;
        this.county = new DemoCounty(regions, settings, households, people, ledger,
                new DemoSupermarkets(supermarkets, products, stock));
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
        jdbc.prepareStatement("INSERT INTO demo_load (id) VALUES (1)", ps -> ps.executeUpdate());
        LOG.info("Demo county loaded: {} households in {} ms. Sign in as hedong.admin / {}", households,
                System.currentTimeMillis() - start, DemoCounty.PASSWORD);
    }
}
