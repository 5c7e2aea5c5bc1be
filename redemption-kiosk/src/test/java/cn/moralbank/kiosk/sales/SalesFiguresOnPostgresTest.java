package cn.moralbank.kiosk.sales;

import cn.moralbank.kiosk.product.Product;
import cn.moralbank.kiosk.testing.KioskDatabaseTest;
import cn.moralbank.kiosk.testing.KioskWorld;
import cn.moralbank.points.deed.MovableClock;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.testing.Eventually;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kiosk's query API for the dashboards: a region's supermarkets and the period's donations, scoped by path. */
@MicronautTest(transactional = false)
class SalesFiguresOnPostgresTest extends KioskDatabaseTest {
    @Inject ApplicationContext context;
    @Inject SalesFigures figures;
    @Inject MovableClock clock;

    @Test
    void aVillageSeesItsOwnSupermarketAndTheCountySeesAll() {
        KioskWorld world = new KioskWorld(context);
        Product oil = world.product(world.hedongShop, "食用油", 30, 0, 7);
        world.product(world.leguoShop, "洗衣粉", 20, 0, 3);
        Period month = Period.of(PeriodKind.MONTH, LocalDate.now(clock));
        Eventually.until("both shops' stock in the views",
                () -> figures.of(world.county, month).map(f -> f.shops().stream()
                        .mapToLong(SalesFigures.Shop::onHand).sum()).orElse(0L) == 10);

        SalesFigures.Figures village = figures.of(world.hedong, month).orElseThrow();
        assertEquals(List.of(new SalesFigures.Shop(world.hedongShop.name(), 7, 7, 0)), village.shops());
        assertEquals(1, village.donations());
        assertEquals(10_000, village.donatedValueFen(), "one line declared at 100.00 yuan");
        assertEquals(7, world.onHand(world.hedongShop, oil));

        SalesFigures.Figures county = figures.of(world.county, month).orElseThrow();
        assertEquals(2, county.shops().size());
        assertEquals(2, county.donations());
    }
}
