package cn.moralbank.web.bench;

import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.context.env.Environment;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the benchmark (src/bench/java, run by ops/bench.sh) from rotting: its load driver, workloads and report
 * run for two seconds each against the demo county on the test's server. The figures mean nothing here; that every
 * request succeeds and the report is written do.
 */
@MicronautTest(transactional = false)
class BenchSmokeTest extends AppTest {
    @Inject
    Environment environment;

    @TempDir
    Path out;

    @Test
    void theBenchmarksWorkloadsRunAndItsReportIsWritten() throws Exception {
        Db db = new Db(property("datasources.default.url"), property("datasources.default.username"),
                environment.getProperty("datasources.default.password", String.class).orElse(""));
        Eventually.until("the demo's balances", () -> sql().count(
                "SELECT count(*) FROM account_balance") == sql().count("SELECT count(*) FROM household"));
        County county = County.read(db, 6, 10);
        assertFalse(county.villages().isEmpty(), "the demo county has a village with a kiosk, goods and PINs");

        Bench.Options options = Bench.Options.parse(new String[]{"--quick", "--out", out.toString(),
                "--seconds", "2", "--warmup", "1"});
        Report report = new Report(options, Files.createDirectories(out.resolve("performance-raw")));
        report.county = county;
        Workloads work = new Workloads(county, "1234", options.warmUp(), options.measured());
        Api api = new Api(server.getURL().toString(), PASSWORD);
        report.credits.add(work.credits("credits", List.of(api), 2));
        // a JVM warmed by a whole test suite checks out a hundred baskets a second: goods and points that last a
        // cold run's three seconds ran out in the warm-up, and every measured checkout was refused (stock.short)
        work.restock(api, 5_000);
        topUp(api, county, 2_000);
        report.checkouts.add(work.checkouts("checkouts", List.of(api), 1));
        report.reads.add(work.read("rankings: top 100 households", api, 2,
                () -> "/api/rankings/households?limit=100"));
        report.pages.add(work.read("page: county dashboard", api, 1, () -> "/dashboard"));
        report.aggregateLoad = Map.of("deep", 2.0, "new", 1.0);
        report.write();

        for (Load.Result result : List.of(report.credits.get(0), report.checkouts.get(0), report.reads.get(0),
                report.pages.get(0))) {
            assertEquals(0, result.failed(), result.line());
            assertTrue(result.ok() > 0, result.line());
        }
        String markdown = Files.readString(out.resolve("performance.md"));
        assertTrue(markdown.contains("| credits | 2 |"), markdown);
        assertTrue(markdown.contains("page: county dashboard"), markdown);
        assertTrue(markdown.contains(Report.MARKER), markdown);
    }

    /** Credits each household the checkouts use, so that none runs out of points within the run. */
    private static void topUp(Api api, County county, long points) throws Exception {
        var http = Api.client();
        for (County.Village village : county.villages()) {
            for (County.Household household : village.households()) {
                var answer = api.post(http, village.admin(), "/api/households/" + household.id() + "/credits",
                        Map.of("entryId", "smoke-" + UUID.randomUUID(), "points", points,
                                "reason", "基准测试 benchmark"));
                assertEquals(201, answer.statusCode(), answer.body());
            }
        }
    }

    private String property(String name) {
        return environment.getProperty(name, String.class).orElseThrow();
    }
}
