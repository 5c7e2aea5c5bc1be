package cn.moralbank.web.testing;

import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.testing.ViewsCaughtUp;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.BeforeEach;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of HTTP tests: the whole application on a fresh PostgreSQL database with the demo county loaded (Fengning:
 * 河东村 and five more villages, people for every role, password {@value #PASSWORD}). Subclasses add
 * {@code @MicronautTest(transactional = false)}. Requests go through the real server, security and all.
 */
public abstract class AppTest extends DatabaseTest {
    public static final String PASSWORD = "demo1234";
    /**
     * Today in the county (the application's clock, {@code moralbank.zone}, Asia/Shanghai): a deed dated with the
     * JVM's own date (UTC) between 16:00 and 24:00 UTC is a day before a household registered "today" in Beijing.
     */
    public static LocalDate countyToday() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    /** The application's token secret in these tests: what a forged token is signed with. */
    public static final String JWT_SECRET = "test-secret-test-secret-test-secret-0123456789";

    @Inject
    @Client("/")
    protected HttpClient client;

    @Inject
    protected DataSource dataSource;

    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** A copy of the demo county, loaded once per test JVM (see {@link DemoDatabase}), in a database of its own. */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>();
        props.put("moralbank.jwt-secret", JWT_SECRET);
        props.put("moralbank.demo.load", "true");
        // bcrypt at its lowest cost: the demo county's people are hashed when it loads
        props.put("moralbank.password-cost", "4");
        props.put("micronaut.http.client.read-timeout", "30s");
        props.put("micronaut.server.port", "-1");
        DemoDatabase.copy(props).forEach((k, v) -> props.put(k, String.valueOf(v)));
        return props;
    }

    @Inject
    protected EmbeddedServer server;

    /** A client that shows redirects instead of following them, to see what a browser is told. */
    protected HttpClient noRedirects() {
        var config = new DefaultHttpClientConfiguration();
        config.setFollowRedirects(false);
        return HttpClient.create(server.getURL(), config);
    }

    /**
     * Before each test, the views hold every event committed so far (a test class's @BeforeAll may have written):
     * a test that picks households by their balance must not run before.
     */
    @BeforeEach
    void demoViewsCaughtUp() {
        ViewsCaughtUp.await(axon, sql());
    }

    @Inject
    protected Configuration axon;

    protected Sql sql() {
        return new Sql(dataSource);
    }

    /** A bearer token for a demo person, signed in through POST /api/login. */
    protected String token(String username) {
        return tokens.computeIfAbsent(username, u -> {
            Map<?, ?> answer = client.toBlocking().retrieve(HttpRequest.POST("/api/login",
                    Map.of("username", u, "password", PASSWORD)), Map.class);
            return (String) answer.get("access_token");
        });
    }

    protected <T> MutableHttpRequest<T> as(String username, MutableHttpRequest<T> request) {
        return request.bearerAuth(token(username));
    }

    protected <T> T get(String username, String path, Class<T> type) {
        return client.toBlocking().retrieve(as(username, HttpRequest.GET(path)), type);
    }

    protected <T> HttpResponse<T> exchange(MutableHttpRequest<?> request, Class<T> type) {
        return client.toBlocking().exchange(request, type);
    }

    /**
     * A page's form sent as a browser sends it (form-encoded, HTML wanted), redirects not followed: the answer as it
     * came, a refusal's status and page included.
     */
    protected HttpResponse<String> formPost(String username, String path, String body) {
        try {
            return noRedirects().toBlocking().exchange(as(username, HttpRequest.POST(path, body)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                    .accept(MediaType.TEXT_HTML_TYPE)), String.class);
        } catch (HttpClientResponseException e) {
            return HttpResponse.status(e.getStatus()).body(e.getResponse().getBody(String.class).orElse(""));
        }
    }

    /** A page's HTML as the person sees it, in the language asked for (null: the default, Chinese). */
    protected String htmlPage(String username, String path, String language) {
        MutableHttpRequest<?> request = HttpRequest.GET(path).accept(MediaType.TEXT_HTML_TYPE);
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return client.toBlocking().retrieve(as(username, request), String.class);
    }

    /** The refusal a request gets: its status and its problem+json body. */
    protected Refusal refusal(MutableHttpRequest<?> request) {
        try {
            HttpResponse<?> response = client.toBlocking().exchange(request, Argument.of(String.class),
                    Argument.of(String.class));
            throw new AssertionError("expected a refusal, got " + response.code() + " " + response.body());
        } catch (HttpClientResponseException e) {
            String body = e.getResponse().getBody(String.class).orElse("");
            return new Refusal(e.code(), e.getResponse().getContentType().map(Object::toString).orElse(""), body);
        }
    }

    /** An id of a demo household of the named village (the first by card number). */
    protected String householdOf(String villageName) {
        return (String) sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = ? ORDER BY h.card_number LIMIT 1""", villageName);
    }

    protected long balance(String householdId) {
        return sql().count("SELECT balance FROM account_balance WHERE household_id = ?", householdId);
    }

    protected long events(String householdId) {
        return sql().count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", householdId);
    }

    protected void awaitBalance(String householdId, long expected) {
        Eventually.until("balance " + expected, () -> balance(householdId) == expected);
    }

    public record Refusal(int status, String contentType, String body) {
    }
}
