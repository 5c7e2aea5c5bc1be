package cn.moralbank.web.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/** The requests the load driver sends: the county's daily work, as villages and kiosks send it. */
final class Workloads {
    private final County county;
    private final String pin;
    private final Duration warmUp;
    private final Duration measured;
    /** Each checkout answer's wait for the views it wrote (its Server-Timing "views"), in microseconds. */
    private final Recorder viewsLag = new Recorder(3);
    /** The same waits during the last paced run's warm-up, kept apart as every other figure's warm-up is. */
    private Histogram warmUpViewsLag;

    Workloads(County county, String pin, Duration warmUp, Duration measured) {
        this.county = county;
        this.pin = pin;
        this.warmUp = warmUp;
        this.measured = measured;
    }

    /**
     * The projection lag after commit the checkouts since the last call saw: how long each answer waited until every
     * view that handles its events had committed them (ReadYourWritesFilter). After a paced run, the measured time
     * only: the warm-up's waits are in {@link #warmUpViewsLag()}.
     */
    Histogram viewsLag() {
        return viewsLag.getIntervalHistogram();
    }

    /** The waits of the last paced run's warm-up (a node's first seconds under load, its code not yet compiled). */
    Histogram warmUpViewsLag() {
        return warmUpViewsLag;
    }

    private void recordViewsLag(String timing) {
        for (String metric : timing.split(",")) {
            String[] parts = metric.trim().split(";dur=");
            if (parts.length == 2 && parts[0].equals("views")) {
                viewsLag.recordValue(Math.round(Double.parseDouble(parts[1]) * 1000));
            }
        }
    }

    /** Village administrators crediting 1 point to households of their village, each with a fresh entry id. */
    Load.Result credits(String name, List<Api> nodes, int clients) throws Exception {
        return Load.run(name, clients, warmUp, measured, i -> {
            Api api = nodes.get(i % nodes.size());
            County.Village village = village(i);
            HttpClient http = Api.client();
            api.token(village.admin());
            return () -> {
                County.Household household = any(village.households());
                var answer = api.post(http, village.admin(), "/api/households/" + household.id() + "/credits",
                        Map.of("entryId", "bench-" + UUID.randomUUID(), "points", 1, "reason", "基准测试 benchmark"));
                return answer.statusCode() == 201;
            };
        });
    }

    /**
     * Kiosks checking out one item for a household of their village with card and PIN, each basket with a fresh
     * request id. Each client is a kiosk of its own supermarket, as long as there are supermarkets enough.
     */
    Load.Result checkouts(String name, List<Api> nodes, int clients) throws Exception {
        return checkouts(name, nodes, clients, null);
    }

    /** The same, each kiosk sending one basket per {@code pace} (null: as fast as it is answered). */
    Load.Result checkouts(String name, List<Api> nodes, int clients, Duration pace) throws Exception {
        return checkouts(name, nodes, clients, pace, false);
    }

    /**
     * Checkouts as a province's nodes see them: each village served by one node only (village i by node i mod n),
     * so the nodes share the database but never a household or a stock book.
     */
    Load.Result checkoutsOnDisjointVillages(String name, List<Api> nodes, int clients) throws Exception {
        return checkouts(name, nodes, clients, null, true);
    }

    private Load.Result checkouts(String name, List<Api> nodes, int clients, Duration pace, boolean disjoint)
            throws Exception {
        AtomicReference<String> firstRefusal = new AtomicReference<>();
        return Load.run(name, clients, warmUp, measured, pace, i -> {
            // with several nodes and not disjoint, a village's kiosks are spread over them and walk the same
            // households in the same order: the nodes race for the same accounts and the same stock book
            int v = disjoint ? i : i / nodes.size();
            Api api = nodes.get(disjoint ? (i % county.villages().size()) % nodes.size() : i % nodes.size());
            County.Village village = village(v);
            HttpClient http = Api.client();
            api.token(village.kiosk());
            int[] next = {v * 7 % village.households().size()};
            return () -> {
                County.Household household = village.households().get(next[0]++ % village.households().size());
                County.Product product = village.products().get(0);
                var answer = api.post(http, village.kiosk(), "/api/kiosk/checkouts", Map.of(
                        "requestId", UUID.randomUUID().toString(), "cardNumber", household.card(), "pin", pin,
                        "lines", List.of(Map.of("productId", product.id(), "quantity", 1,
                                "unitPoints", product.price()))));
                answer.headers().firstValue("Server-Timing").ifPresent(this::recordViewsLag);
                if (answer.statusCode() != 201 && firstRefusal.compareAndSet(null, answer.statusCode() + " "
                        + answer.body())) {
                    // a series whose checkouts all fail says why (a smoke test in CI once saw 444 failed, none ok)
                    System.out.println("  first refused checkout: " + firstRefusal.get());
                }
                return answer.statusCode() == 201;
            };
        }, () -> warmUpViewsLag = viewsLag.getIntervalHistogram());
    }

    /**
     * The supermarkets' operators record a donation of {@code quantity} of each product the kiosks sell, so that
     * the checkouts measure the ledger and not empty shelves.
     */
    void restock(Api api, long quantity) throws Exception {
        HttpClient http = Api.client();
        for (County.Village village : county.villages()) {
            List<Map<String, Object>> lines = village.products().stream().map(p -> Map.<String, Object>of(
                    "productId", p.id(), "quantity", quantity, "declaredValueYuan", "0")).toList();
            var answer = api.post(http, village.operator(), "/api/supermarkets/" + village.supermarket()
                    + "/donations", Map.of("donationId", "bench-" + UUID.randomUUID(), "donor", "基准测试 benchmark",
                    "donorKind", "CHARITY", "lines", lines));
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("restocking " + village.supermarket() + " answered "
                        + answer.statusCode() + ": " + answer.body());
            }
        }
    }

    /** One read, as the county office asks it, from {@code clients} clients at once. */
    Load.Result read(String name, Api api, int clients, Supplier<String> path) throws Exception {
        return Load.run(name, clients, warmUp, measured, i -> {
            HttpClient http = Api.client();
            api.token(county.countyOffice());
            return () -> api.get(http, county.countyOffice(), path.get()).statusCode() == 200;
        });
    }

    /** A request with no sign-in, from {@code clients} clients at once. */
    Load.Result anonymous(String name, Api api, int clients, String path) throws Exception {
        return Load.run(name, clients, warmUp, measured, i -> {
            HttpClient http = Api.client();
            return () -> api.get(http, null, path).statusCode() == 200;
        });
    }

    /** A read of one of the village's households, as its administrator asks it (the credits' clients and scope). */
    Load.Result asVillageAdmin(String name, Api api, int clients, Function<String, String> path) throws Exception {
        return Load.run(name, clients, warmUp, measured, i -> {
            County.Village village = village(i);
            HttpClient http = Api.client();
            api.token(village.admin());
            return () -> api.get(http, village.admin(), path.apply(any(village.households()).id())).statusCode()
                    == 200;
        });
    }

    String anyHousehold() {
        return any(village(ThreadLocalRandom.current().nextInt(county.villages().size())).households()).id();
    }

    long anyTownship() {
        return any(county.townshipIds());
    }

    private County.Village village(int i) {
        return county.villages().get(i % county.villages().size());
    }

    private static <T> T any(List<T> list) {
        return list.get(ThreadLocalRandom.current().nextInt(list.size()));
    }
}
