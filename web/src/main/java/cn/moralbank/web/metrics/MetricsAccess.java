package cn.moralbank.web.metrics;

import cn.moralbank.points.http.ClientAddress;
import io.micronaut.configuration.metrics.micrometer.prometheus.management.PrometheusEndpoint;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Who may read {@code /prometheus}: the county office signed in (the role that runs operations: dead letters,
 * verify), or a scraper at one of the addresses in {@code moralbank.metrics.allowed-addresses} (comma-separated,
 * e.g. the Prometheus server's; none by default). Everyone else is refused. The endpoint itself is Micronaut's
 * (micronaut-micrometer-registry-prometheus); this rule is decided before any other. The scraper's address is the
 * client's as the sign-in throttles read it ({@link ClientAddress}): behind the county's nginx every connection comes
 * from 127.0.0.1, so the connection's own address would let anyone through once 127.0.0.1 was listed.
 */
@Singleton
final class MetricsAccess implements SecurityRule<HttpRequest<?>> {
    static final String PATH = "/prometheus";
    private static final Set<String> ROLES = Set.of("COUNTY_OFFICE");

    private final List<String> allowed;
    private final ClientAddress clients;

    MetricsAccess(@Value("${moralbank.metrics.allowed-addresses:}") String allowedAddresses, ClientAddress clients) {
        this.allowed = Arrays.stream(allowedAddresses.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                .map(a -> address(a).getHostAddress()).toList();
        this.clients = clients;
    }

    /**
     * Decided on the route the request was matched to, not on its path: Micronaut routes {@code /prometheus/} to the
     * same endpoint, and a rule comparing the path let it through to anyone.
     */
    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null || !isMetrics(request)) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        boolean office = authentication != null && authentication.getRoles().stream().anyMatch(ROLES::contains);
        boolean scraper = allowed.contains(clients.of(request));
        return Publishers.just(office || scraper ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    private static boolean isMetrics(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .filter(route -> route instanceof MethodBasedRouteMatch<?, ?> method
                        && PrometheusEndpoint.class.isAssignableFrom(method.getDeclaringType()))
                .isPresent() || request.getPath().equals(PATH);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("moralbank.metrics.allowed-addresses: not an address: " + literal, e);
        }
    }
}
