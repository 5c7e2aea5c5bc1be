package cn.moralbank.web.kiosk;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.DebitCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.web.testing.DemoDatabase;
import cn.moralbank.points.testing.ViewsCaughtUp;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.BeforeEach;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of the kiosk's HTTP tests: the whole application on a fresh PostgreSQL with the demo county (its love
 * supermarkets included), signed in through POST /api/login. Written in this package because the branch it was
 * written on predates the shared web test base; it follows the same shape so the two can be folded together.
 */
abstract class KioskAppTest extends DatabaseTest {
    static final String PASSWORD = "demo1234";
    static final String PIN = "1234";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    DataSource dataSource;

    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private Map<String, String> properties;

    @Override
    public synchronized Map<String, String> getProperties() {
        if (properties == null) {
            Map<String, String> props = new HashMap<>();
            props.put("moralbank.jwt-secret", "test-secret-test-secret-test-secret-0123456789");
            props.put("moralbank.demo.load", "true");
            props.put("moralbank.password-cost", "4");
            props.put("moralbank.kiosk.recovery.enabled", "false");
            props.put("micronaut.http.client.read-timeout", "60s");
            props.put("micronaut.server.port", "-1");
            // a copy of the demo county loaded once per test JVM
            DemoDatabase.copy(props).forEach((k, v) -> props.put(k, String.valueOf(v)));
            properties = props;
        }
        return properties;
    }

    /** Before each test, the views hold every event committed so far. */
    @BeforeEach
    void demoReadModelsCaughtUp() {
        ViewsCaughtUp.await(axon, sql());
    }

    @Inject
    Configuration axon;

    Sql sql() {
        return new Sql(dataSource);
    }

    String token(String username) {
        return tokens.computeIfAbsent(username, u -> {
            Map<?, ?> answer = client.toBlocking().retrieve(HttpRequest.POST("/api/login",
                    Map.of("username", u, "password", PASSWORD)), Map.class);
            return (String) answer.get("access_token");
        });
    }

    <T> MutableHttpRequest<T> as(String username, MutableHttpRequest<T> request) {
        return request.bearerAuth(token(username));
    }

    <T> HttpResponse<T> exchange(MutableHttpRequest<?> request, Class<T> type) {
        return client.toBlocking().exchange(request, type);
    }

    Refusal refusal(MutableHttpRequest<?> request) {
        try {
            HttpResponse<?> response = client.toBlocking().exchange(request, Argument.of(String.class),
                    Argument.of(String.class));
            throw new AssertionError("expected a refusal, got " + response.code() + " " + response.body());
        } catch (HttpClientResponseException e) {
            return new Refusal(e.code(), e.getResponse().getContentType().map(Object::toString).orElse(""),
                    e.getResponse().getBody(String.class).orElse(""));
        }
    }

    /** The demo household of a village that has a PIN (1234): the first by card number. */
    String cardOf(String villageName) {
        return (String) sql().single("""
                SELECT h.card_number FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = ? AND h.pin_hash IS NOT NULL ORDER BY h.card_number LIMIT 1""", villageName);
    }

    String householdOfCard(String card) {
        return (String) sql().single("SELECT id FROM household WHERE card_number = ?", card);
    }

    long supermarketOf(String villageName) {
        return sql().count("SELECT s.id FROM supermarket s JOIN region r ON r.id = s.region_id WHERE r.name = ?",
                villageName);
    }

    long productOf(long supermarket, String picture) {
        return sql().count("SELECT id FROM product WHERE supermarket_id = ? AND picture = ?", supermarket, picture);
    }

    long price(long product) {
        return sql().count("SELECT price_points FROM product WHERE id = ?", product);
    }

    long balance(String householdId) {
        return sql().count("SELECT balance FROM account_balance WHERE household_id = ?", householdId);
    }

    long available(long supermarket, long product) {
        return sql().count("SELECT on_hand - reserved FROM stock_level WHERE supermarket_id = ? AND product_id = ?",
                supermarket, product);
    }

    long checkoutRows() {
        return sql().count("SELECT count(*) FROM checkout");
    }

    void awaitBalance(String householdId, long expected) {
        try {
            Eventually.until("balance " + expected, () -> balance(householdId) == expected);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ", is " + balance(householdId) + " ("
                    + sql().count("SELECT count(*) FROM passbook_entry WHERE household_id = ?", householdId)
                    + " passbook lines)", e);
        }
    }

    @Inject
    Ledger ledger;

    /** Gives a household enough points for a test, as the administrator's adjustment would. */
    void credit(String admin, String householdId, long points) {
        long after = ledger.credit(new Actor(admin, Role.VILLAGE_ADMIN, "/", null, null), new CreditCommand(
                new HouseholdId(householdId), new EntryId("test-" + UUID.randomUUID()), points, "test", "测试"))
                .balanceAfter();
        awaitBalance(householdId, after);
    }

    /** Brings a household's balance to {@code points} by the administrator's adjustment, up or down. */
    void setBalance(String householdId, long points) {
        long now = balance(householdId);
        Actor admin = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/", null, null);
        if (now > points) {
            ledger.debit(admin, new DebitCommand(new HouseholdId(householdId), new EntryId("test-" + UUID.randomUUID()),
                    now - points, "test", "测试"));
        } else if (now < points) {
            credit("hedong.admin", householdId, points - now);
        }
        awaitBalance(householdId, points);
    }

    static String requestId() {
        return UUID.randomUUID().toString();
    }

    record Refusal(int status, String contentType, String body) {
    }
}
