package cn.moralbank.web.access;

import cn.moralbank.points.testing.Sql;
import cn.moralbank.web.testing.DemoDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No 500 for any input (issue 14): generated bodies, query strings and path ids sent to every route of the router
 * (the authorization matrix's table, {@link Routes}) as every role and signed out. Each answer is below 500; a refusal
 * is problem+json for the API (a page for a browser's route), titled in the caller's language, with no Java class
 * name; a refused write leaves the event store as it was. In the build 250 requests; a long run:
 * {@code ./mvnw -B -o -pl points-service,redemption-kiosk,web verify -Dtest=FuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Djqwik.tries.default=10000} (docs/reliability.md).
 */
class FuzzTest {
    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z]+)}");
    private static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");
    private static final List<String> USERS = List.of("", "wenmingban", "humaying", "hedong.admin", "hedong.c1",
            "hedong.grid1", "hedong.shop", "hedong.kiosk1", "hedong.villager");
    /** JSON values of every type and none: what a number, a text, a date or an id may be sent as. */
    private static final List<String> JSON_VALUES = List.of("true", "false", "null", "\"12\"", "\"１２\"", "[12]",
            "{}", "{\"a\":1}", "4.9", "-1", "0", "-9223372036854775808", "9223372036854775807",
            "123456789012345678901234567890", "1e308", "-0.0", "\"\"", "\"a\\u0000b\"", "\"\\u202Eabc\"",
            "\"\\u200B\"", "\"\\ud800\"", "\"\\u0007\"", "\"0001-01-01\"", "\"+99999-01-01\"", "\"2024-02-30\"",
            "\"../../etc/passwd\"", "\"' OR 1=1 --\"", "\"<img src=x onerror=alert(1)>\"", "\"NOT_AN_ENUM\"",
            "\"" + "好".repeat(5000) + "\"", "[" + "[".repeat(3000) + "]".repeat(3000) + "]",
            "\"00000000-0000-0000-0000-000000000000\"");
    /** Raw texts for path segments, query values and form fields (URL-encoded when sent). */
    private static final List<String> TEXTS = List.of("\u0000", "a\u0000b", "-1", "0", "99999999999999999999999",
            "../..", "..\\..", "\u202E", "\u200B", "\r\n", "\t", " ", "", "%", "%zz", "' OR 1=1 --", "<script>",
            "x".repeat(3000), "１２", "null", "true", "0001-01-01", "+99999-01-01", "NaN", "1e9", "/\\evil.example",
            "00000000-0000-0000-0000-000000000000", "de\u0301d", "😀");
    private static final List<String> QUERY_NAMES = List.of("page", "size", "q", "date", "from", "to", "back",
            "batch", "period", "status", "village", "level", "lang", "error");

    private static EmbeddedServer server;
    private static HttpClient client;
    private static java.net.http.HttpClient raw;
    private static Sql sql;
    private static Place home;
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final AtomicLong SENT = new AtomicLong();
    private static final AtomicLong REFUSED = new AtomicLong();
    /** Signed-in requests answered 401: a run whose tokens were revoked would fuzz the sign-in wall only. */
    private static final AtomicLong SIGNED_IN_401 = new AtomicLong();
    private static final Map<Integer, AtomicLong> STATUSES = new ConcurrentHashMap<>();
    /**
     * The large run ({@code ops/fuzz.sh}, {@code -Dmoralbank.fuzz.collect=true}) goes on past a failure and lists every
     * one at the end, so one run shows each class of failure; the build stops at the first.
     */
    private static final boolean COLLECT = Boolean.getBoolean("moralbank.fuzz.collect");
    private static final List<String> FAILURES = Collections.synchronizedList(new ArrayList<>());
    private static long startedAt;
    private static long firstRequestAt;

    @BeforeContainer
    static void start() {
        startedAt = System.nanoTime();
        Map<String, Object> props = new HashMap<>();
        props.put("moralbank.jwt-secret", "test-secret-test-secret-test-secret-0123456789");
        props.put("moralbank.demo.load", "true");
        props.put("moralbank.password-cost", "4");
        props.put("micronaut.server.port", "-1");
        // nothing but the fuzz writes: a refused write must leave the event store as it was
        props.put("moralbank.deeds.objection-job.enabled", "false");
        props.put("moralbank.kiosk.recovery.enabled", "false");
        // each request comes from an address of its own through the trusted proxy, and the test's own sign-ins from
        // another: the fuzzed wrong sign-ins must not throttle the address the test signs in from
        props.put("moralbank.trusted-proxies", "127.0.0.1,::1");
        props.putAll(DemoDatabase.copy(props));
        ApplicationContext context = ApplicationContext.builder().environments("test").properties(props).start();
        server = context.getBean(EmbeddedServer.class).start();
        client = context.createBean(HttpClient.class, server.getURL());
        raw = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        sql = new Sql(context.getBean(DataSource.class));
        home = demoPlace();
        firstRequestAt = System.nanoTime();
    }

    /** Real things of 河东村 in the demo county, to fill path variables with (a kind it has none of gets a hostile text). */
    private static Place demoPlace() {
        String household = (String) sql.single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.code = '130826103201' ORDER BY h.card_number LIMIT 1""");
        Map<String, String> ids = new HashMap<>();
        ids.put("household", household);
        ids.put("lang", "en");
        ids.put("selector", "liveness");
        optional(ids, "card", "SELECT card_number FROM household WHERE id = ?", household);
        optional(ids, "village", "SELECT id::text FROM region WHERE code = '130826103201'");
        optional(ids, "villagecode", "SELECT '130826103201'");
        optional(ids, "county", "SELECT id::text FROM region WHERE code = '130826'");
        optional(ids, "grid", "SELECT r.code FROM household h JOIN region r ON r.path = h.region_path WHERE h.id = ?",
                household);
        optional(ids, "countyrule", "SELECT min(id)::text FROM rule_item WHERE village_id IS NULL AND code = 'SOC-01'");
        optional(ids, "deed", "SELECT deed_id FROM deed_view WHERE household_id = ? ORDER BY deed_id LIMIT 1",
                household);
        optional(ids, "voucher", "SELECT serial FROM voucher_view WHERE household_id = ? ORDER BY serial LIMIT 1",
                household);
        optional(ids, "session", "SELECT min(session_id) FROM review_session_view");
        optional(ids, "supermarket", "SELECT min(s.id)::text FROM supermarket s JOIN region r ON r.id = s.region_id "
                + "WHERE r.code = '130826103201'");
        optional(ids, "product", "SELECT min(p.id)::text FROM product p WHERE p.supermarket_id = "
                + "(SELECT min(s.id) FROM supermarket s JOIN region r ON r.id = s.region_id WHERE r.code = '130826103201')");
        optional(ids, "checkout", "SELECT min(checkout_id) FROM checkout");
        optional(ids, "receipt", "SELECT min(receipt_no)::text FROM checkout");
        optional(ids, "round", "SELECT min(round_id) FROM rating_round_view");
        optional(ids, "subject", "SELECT min(subject) FROM rating_result_view");
        optional(ids, "report", "SELECT min(id)::text FROM report");
        // a grid worker of 河东村 the village administrator manages, and no fuzz call signs in as (people routes)
        optional(ids, "staff", "SELECT username FROM person WHERE username = 'hedong.grid2'");
        return new Place("HOME", "", household, ids);
    }

    private static void optional(Map<String, String> ids, String kind, String query, Object... args) {
        try {
            Object value = sql.single(query, args);
            if (value != null) {
                ids.put(kind, value.toString());
            }
        } catch (RuntimeException noSuchThing) {
            // left out: the path gets a hostile text there
        }
    }

    @AfterContainer
    static void stop() throws IOException {
        long end = System.nanoTime();
        String figures = String.format("Fuzz: %d requests, %d refused (4xx), statuses %s, signed in but 401: %d, "
                        + "failures %d, %d s sending (%d s with the application's start)%n", SENT.get(), REFUSED.get(),
                new TreeMap<>(STATUSES), SIGNED_IN_401.get(), FAILURES.size(),
                (end - firstRequestAt) / 1_000_000_000L,
                (end - startedAt) / 1_000_000_000L);
        System.out.print(figures);
        String file = System.getProperty("moralbank.fuzz.figures");
        if (file != null) {
            StringBuilder out = new StringBuilder(figures);
            synchronized (FAILURES) {
                FAILURES.forEach(f -> out.append("FAILURE ").append(f).append('\n'));
            }
            Files.writeString(Path.of(file), out);
        }
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (!FAILURES.isEmpty()) {
            throw new AssertionError(FAILURES.size() + " failures, the first: " + FAILURES.get(0));
        }
    }

    private static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> (String) client.toBlocking().retrieve(HttpRequest.POST("/api/login",
                Map.of("username", u, "password", "demo1234")).header("X-Forwarded-For", "192.0.2.1"), Map.class)
                .get("access_token"));
    }

    record Call(Route route, String user, boolean english, int pathMutation, String pathText, int bodyMutation,
                String jsonValue, String text, String queryName, String queryValue) {
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<Route> routes = Arbitraries.of(Routes.ALL).filter(r -> !r.template().startsWith("/health"));
        List<Arbitrary<Object>> parts = List.of(any(routes), any(Arbitraries.of(USERS)),
                any(Arbitraries.of(true, false)), any(Arbitraries.integers().between(0, 3)), any(Arbitraries.of(TEXTS)),
                any(Arbitraries.integers().between(0, 6)), any(Arbitraries.of(JSON_VALUES)), any(Arbitraries.of(TEXTS)),
                any(Arbitraries.of(QUERY_NAMES)),
                any(Arbitraries.oneOf(Arbitraries.of(TEXTS), Arbitraries.strings().ofMaxLength(20))));
        return Combinators.combine(parts)
                .as(v -> new Call((Route) v.get(0), (String) v.get(1), (Boolean) v.get(2), (Integer) v.get(3),
                        (String) v.get(4), (Integer) v.get(5), (String) v.get(6), (String) v.get(7),
                        (String) v.get(8), (String) v.get(9)));
    }

    private static Arbitrary<Object> any(Arbitrary<?> arbitrary) {
        return arbitrary.map(Object.class::cast);
    }

    @Property(afterFailure = AfterFailureMode.SAMPLE_FIRST, shrinking = ShrinkingMode.OFF)
    void noInputAnswers5xxAndARefusalChangesNothing(@ForAll("calls") Call call) throws Exception {
        try {
            send(call);
        } catch (AssertionError | IOException failure) {
            if (!COLLECT) {
                throw failure;
            }
            FAILURES.add(failure instanceof AssertionError ? failure.getMessage() : call + " -> " + failure);
        }
    }

    private void send(Call call) throws Exception {
        Route route = call.route();
        String path = path(route.template(), call);
        String query = call.pathMutation() == 3 ? "" : "?" + enc(call.queryName()) + "=" + enc(call.queryValue());
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        URI.create(server.getURL() + path + query))
                .timeout(Duration.ofSeconds(30))
                .header("Accept-Language", call.english() ? "en" : "zh-CN")
                .header("Accept", route.api() ? "application/json" : "text/html,*/*")
                .header("X-Forwarded-For", "10." + (SENT.get() >> 16 & 255) + "." + (SENT.get() >> 8 & 255) + "."
                        + (SENT.get() & 255));
        if (!call.user().isEmpty()) {
            request.header("Authorization", "Bearer " + token(call.user()));
        }
        String body = route.body() == null ? null : body(route.body(), call);
        if (body == null) {
            request.method(route.method(), java.net.http.HttpRequest.BodyPublishers.noBody());
        } else {
            boolean form = route.body().startsWith("form:");
            request.header("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json")
                    .method(route.method(), java.net.http.HttpRequest.BodyPublishers.ofString(body));
        }
        long eventsBefore = events();
        HttpResponse<String> answer = raw.send(request.build(), HttpResponse.BodyHandlers.ofString());
        SENT.incrementAndGet();
        if (!call.user().isEmpty() && route.template().contains("logout")) {
            TOKENS.remove(call.user()); // signing out ends every session of the person: sign in again next time
        }
        if (!call.user().isEmpty() && answer.statusCode() == 401 && !route.template().contains("logout")) {
            SIGNED_IN_401.incrementAndGet();
        }
        STATUSES.computeIfAbsent(answer.statusCode(), s -> new AtomicLong()).incrementAndGet();
        String what = call + " -> " + answer.statusCode() + " " + abbreviated(answer.body());
        assertTrue(answer.statusCode() < 500, "no 5xx: " + what);
        if (answer.statusCode() >= 400) {
            REFUSED.incrementAndGet();
            for (String word : List.of("cn.moralbank", "io.micronaut", "com.fasterxml", "java.lang", "Exception",
                    "Error decoding", "No enum constant", "Credentials Do Not Match", "StreamReadConstraints")) {
                assertFalse(answer.body().contains(word), "no class names: " + what);
            }
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/problem+json")) {
                Matcher title = Pattern.compile("\"title\":\"([^\"]*)\"").matcher(answer.body());
                assertTrue(title.find(), what);
                if (answer.statusCode() == 414 || answer.statusCode() == 431) {
                    // the headers were never read, nor the language: both, zh-CN first
                    assertTrue(CJK.matcher(title.group(1)).find() && title.group(1).matches(".*[A-Za-z].*"),
                            "a title in both languages: " + what);
                } else {
                    assertEquals(!call.english(), CJK.matcher(title.group(1)).find(),
                            "title in the caller's language: " + what);
                }
            } else {
                assertFalse(route.api() && answer.statusCode() != 404 && answer.statusCode() != 405
                        && answer.statusCode() != 401, "problem+json for the API: " + what + " " + type);
            }
            if (route.isWrite()) {
                assertEquals(eventsBefore, events(), "a refused write changes nothing: " + what);
            }
        }
    }

    private static long events() {
        return sql.count("SELECT count(*) FROM domain_event_entry");
    }

    /** The route's path, its variables from the home place; one of them replaced by a hostile text when asked. */
    private static String path(String template, Call call) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        boolean mutated = false;
        while (m.find()) {
            String kind = m.group(1);
            String value = kind.equals("uuid") ? UUID.randomUUID().toString()
                    : kind.equals("lang") ? "en" : home.id(kind);
            if (value == null || (!mutated && call.pathMutation() == 1)) {
                value = call.pathText();
                mutated = true;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(enc(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The route's body, filled from the home place, then one thing done to it. */
    private static String body(String template, Call call) {
        String filled = home.fillBody(template.replace("{uuid}", UUID.randomUUID().toString())
                .replace("{short}", Long.toString(System.nanoTime() % 100000)));
        if (filled.startsWith("form:")) {
            String form = filled.substring(5);
            return switch (call.bodyMutation()) {
                case 0 -> form;
                case 1, 2, 3 -> form.replaceFirst("=[^&]*", "=" + Matcher.quoteReplacement(enc(call.text())));
                default -> form + "&" + enc(call.queryName()) + "=" + enc(call.text());
            };
        }
        if (filled.startsWith("multipart:")) {
            return "";
        }
        return switch (call.bodyMutation()) {
            case 0 -> filled;
            // one field's value replaced by a value of another type, or out of range
            case 1, 2 -> filled.replaceFirst(":(\"[^\"]*\"|[-0-9.]+|true|false|null|\\[[^]]*])",
                    Matcher.quoteReplacement(":" + call.jsonValue()));
            case 3 -> filled.replaceFirst("\\{", Matcher.quoteReplacement("{\"unknownField\":" + call.jsonValue() + ","));
            case 4 -> filled.replaceFirst("\\{\"([A-Za-z]+)\":", "{\"$1\":" + Matcher.quoteReplacement(call.jsonValue())
                    + ",\"$1\":");
            case 5 -> call.jsonValue();
            default -> filled.substring(0, Math.max(0, filled.length() / 2));
        };
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviated(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
