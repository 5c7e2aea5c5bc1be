package cn.moralbank.web.metrics;

import cn.moralbank.points.http.ClientAddress;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpRequestWrapper;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * /prometheus on the running application: the county office reads Axon's monitors and the projections' gauges; a
 * village administrator and an anonymous caller are refused; a configured scraper address is let in.
 */
@MicronautTest(transactional = false)
class MetricsTest extends AppTest {

    @Test
    void theCountyOfficeReadsTheMetricsOthersAreRefused() {
        String household = householdOf("河东村");
        client.toBlocking().exchange(as("hedong.admin", HttpRequest.POST("/api/households/" + household + "/credits",
                Map.of("entryId", "metrics-" + UUID.randomUUID(), "points", 2, "reason", "助人为乐"))), Map.class);

        String metrics = client.toBlocking().retrieve(as("wenmingban", HttpRequest.GET("/prometheus")));
        assertTrue(metrics.contains("moralbank_projection_running{processor=\"projections\"} 1.0"), metrics);
        assertTrue(metrics.contains("moralbank_projection_dead_letters{projection=\"ledger-passbook\"} 0.0"), metrics);
        assertTrue(metrics.contains("moralbank_projection_segments_behind{processor=\"projections\"}"), metrics);
        // each segment's lag, in events, on the node that holds it (this one holds them all)
        assertTrue(metrics.lines().anyMatch(l -> l.matches(
                "moralbank_projection_segment_lag\\{processor=\"projections\",segment=\"0\",?} [0-9.]+(E[0-9]+)?")),
                metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("commandBus") && l.contains("payloadType=\"CreditCommand\"")),
                "Axon's command monitor, tagged by command: " + metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("eventProcessor_latency{processorName=\"projections\"}")),
                "Axon's latency of the live projections' processor: " + metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("eventStore_allTimer_seconds_count")),
                "Axon's count of events appended: " + metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("moralbank_checkouts_total{outcome=\"booked\"")),
                "the kiosk's checkouts by outcome: " + metrics);

        assertEquals(403, status(as("hedong.admin", HttpRequest.GET("/prometheus"))));
        assertEquals(401, status(HttpRequest.GET("/prometheus")));
        // the same endpoint under another path Micronaut routes to it (a rule on the path let this through with 200)
        assertEquals(200, status(as("wenmingban", HttpRequest.GET("/prometheus/"))));
        assertEquals(403, status(as("hedong.admin", HttpRequest.GET("/prometheus/"))));
        assertEquals(401, status(HttpRequest.GET("/prometheus/")));
    }

    @Test
    void aConfiguredScraperAddressIsLetInAndNoOtherAddress() {
        MetricsAccess access = new MetricsAccess("10.0.0.9, 127.0.0.1", new ClientAddress(""));
        var scraper = HttpRequest.GET("/prometheus");
        assertEquals(SecurityRuleResult.ALLOWED, Mono.from(access.check(
                new Remote(scraper, new InetSocketAddress("127.0.0.1", 4000)), null)).block());
        assertEquals(SecurityRuleResult.REJECTED, Mono.from(access.check(
                new Remote(scraper, new InetSocketAddress("10.0.0.8", 4000)), null)).block());
        assertEquals(SecurityRuleResult.UNKNOWN, Mono.from(access.check(
                new Remote(HttpRequest.GET("/dashboard"), new InetSocketAddress("10.0.0.8", 4000)), null)).block());
    }

    /**
     * Behind the county's nginx every connection comes from 127.0.0.1: the scraper's address is the client's the proxy
     * names, so listing 127.0.0.1 (or the proxy) lets in only what runs on that machine, not everyone nginx serves.
     */
    @Test
    void behindTheCountysProxyTheClientsAddressDecidesNotTheProxys() {
        MetricsAccess access = new MetricsAccess("10.0.0.9, 127.0.0.1", new ClientAddress("127.0.0.1,::1"));
        InetSocketAddress nginx = new InetSocketAddress("127.0.0.1", 4000);
        assertEquals(SecurityRuleResult.REJECTED, Mono.from(access.check(new Remote(HttpRequest.GET("/prometheus")
                .header("X-Forwarded-For", "203.0.113.5"), nginx), null)).block(), "anyone on the internet");
        assertEquals(SecurityRuleResult.ALLOWED, Mono.from(access.check(new Remote(HttpRequest.GET("/prometheus")
                .header("X-Forwarded-For", "10.0.0.9"), nginx), null)).block(), "the scraper through the proxy");
        assertEquals(SecurityRuleResult.ALLOWED, Mono.from(access.check(new Remote(HttpRequest.GET("/prometheus"),
                nginx), null)).block(), "a scraper on the machine itself, not through the proxy");
        assertEquals(SecurityRuleResult.REJECTED, Mono.from(access.check(new Remote(HttpRequest.GET("/prometheus")
                .header("X-Forwarded-For", "10.0.0.9"), new InetSocketAddress("203.0.113.5", 4000)), null)).block(),
                "a header sent by the client itself is not believed");
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request, String.class).code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    /** A request seen as coming from {@code remote}. */
    private static final class Remote extends HttpRequestWrapper<Object> {
        private final InetSocketAddress remote;

        Remote(HttpRequest<Object> request, InetSocketAddress remote) {
            super(request);
            this.remote = remote;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return remote;
        }
    }
}
