package cn.moralbank.web.hostile;

import cn.moralbank.points.access.Throttles;
import cn.moralbank.points.deed.MovableClock;
import cn.moralbank.points.testing.Eventually;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throttles and sessions hold across nodes (issue 14): two application contexts on one database, as a county runs
 * them behind its proxy. Wrong passwords on node A slow the account on node B, one address's wrong tries on A hold
 * it back on B, and a session ended on A is refused on B: at the first request when B has not seen the token, and
 * within the sessions' one-second cache when it has.
 */
@MicronautTest(transactional = false)
class TwoNodesTest extends HostileTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private Map<String, String> properties;
    private ApplicationContext nodeB;
    private String a;
    private String b;

    @Override
    public synchronized Map<String, String> getProperties() {
        if (properties == null) {
            // made once: node B joins node A's database with the same secret and settings
            Map<String, String> props = new HashMap<>(super.getProperties());
            props.put("moralbank.trusted-proxies", "127.0.0.1,::1");
            properties = props;
        }
        return properties;
    }

    @BeforeAll
    void startNodeB() {
        Map<String, Object> props = new HashMap<>(getProperties());
        props.put("moralbank.demo.load", "false");
        props.put("moralbank.deeds.objection-job.enabled", "false");
        props.put("moralbank.kiosk.recovery.enabled", "false");
        nodeB = ApplicationContext.run(props, "test");
        EmbeddedServer serverB = nodeB.getBean(EmbeddedServer.class);
        if (!serverB.isRunning()) {
            serverB.start();
        }
        // the tests' clock stands still where each context started: node B's is set to node A's, as two nodes'
        // system clocks agree in a county (the throttles compare times both nodes wrote)
        MovableClock clockA = server.getApplicationContext().getBean(MovableClock.class);
        MovableClock clockB = nodeB.getBean(MovableClock.class);
        clockB.advance(Duration.between(clockB.instant(), clockA.instant()));
        assertEquals(clockA.instant(), clockB.instant());
        a = server.getURL().toString();
        b = serverB.getURL().toString();
        assertTrue(!a.equals(b), "two nodes: " + a + " and " + b);
    }

    @AfterAll
    void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    private static HttpResponse<String> login(String node, String address, String user, String password)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node + "/api/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(HttpResponse<String> login) {
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(login.body());
        assertTrue(m.find(), login.statusCode() + " " + login.body());
        return m.group(1);
    }

    private static int get(String node, String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void wrongPasswordsOnOneNodeCountOnTheOther() throws Exception {
        String user = "hedong.c4";
        for (int i = 0; i < 6; i++) {
            assertEquals(401, login(a, "192.0.2." + (60 + i), user, "wrong-" + i).statusCode(), "node A, try " + i);
        }
        String row = String.valueOf(sql().single("SELECT coalesce(max(failures || ' failures, blocked ' "
                + "|| (blocked_until > now())::text), 'none') FROM access_throttle WHERE subject = ?", "account:" + user));
        HttpResponse<String> onB = login(b, "192.0.2.70", user, PASSWORD);
        assertEquals(429, onB.statusCode(), "the right password on node B waits too; the account's row " + row + ": "
                + onB.body().substring(0, Math.min(80, onB.body().length())));
        assertTrue(onB.headers().firstValue("Retry-After").isPresent());
        assertTrue(onB.body().contains("秒后再试"), onB.body());
    }

    @Test
    void parallelWrongPasswordsOnBothNodesAreComparedNoMoreOftenThanOneAfterAnother() throws Exception {
        // thirty wrong passwords for one account, released at once, half on each node, each from its own address:
        // the claim is one upsert under the account's row lock in PostgreSQL, so the nodes together compare the five
        // free tries and the one that starts the delay, no more
        String user = SessionsAndThrottlesTest.freshPerson(sql(), "race.twonodes", "hedong.c1");
        List<Integer> answers = SessionsAndThrottlesTest.race(30, i -> unchecked(() ->
                login(i % 2 == 0 ? a : b, "192.0.2." + (100 + i), user, "wrong-" + i).statusCode()));
        long compared = answers.stream().filter(s -> s == 401).count();
        assertTrue(compared <= Throttles.ACCOUNT.free() + 1, "compared: " + answers);
        assertEquals(30, compared + answers.stream().filter(s -> s == 429).count(), answers.toString());
    }

    @Test
    void oneAddressHeldBackOnOneNodeIsHeldBackOnTheOther() throws Exception {
        for (int i = 0; i < 20; i++) {
            int status = login(i % 2 == 0 ? a : b, "198.51.100.77", "nobody" + i, "wrong").statusCode();
            assertTrue(status == 401 || status == 429, "try " + i + ": " + status);
        }
        assertEquals(429, login(b, "198.51.100.77", "hedong.grid2", PASSWORD).statusCode(), "node B");
        assertEquals(429, login(a, "198.51.100.77", "hedong.grid2", PASSWORD).statusCode(), "node A");
        assertEquals(200, login(b, "198.51.100.78", "hedong.grid2", PASSWORD).statusCode(), "another address");
    }

    @Test
    void aSessionEndedOnOneNodeIsRefusedOnTheOther() throws Exception {
        // a token node B has never seen: refused at its first request after the sign-out on node A
        String unseen = token(login(a, "192.0.2.80", "hedong.c5", PASSWORD));
        assertEquals(200, get(a, "/api/villages", unseen));
        signOut(a, unseen);
        assertEquals(401, get(b, "/api/villages", unseen), "node B refuses it at once");

        // a token node B has just served: refused within the one-second cache of session versions
        String seen = token(login(a, "192.0.2.81", "hedong.c5", PASSWORD));
        assertEquals(200, get(b, "/api/villages", seen), "node B serves a live session");
        signOut(a, seen);
        long start = System.nanoTime();
        Eventually.until("node B refusing the ended session", Duration.ofSeconds(10),
                () -> unchecked(() -> get(b, "/api/villages", seen)) == 401);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("two nodes: a session ended on node A was refused on node B after " + millis + " ms");
        assertEquals(200, get(b, "/api/villages", token(login(b, "192.0.2.82", "hedong.c5", PASSWORD))),
                "a new sign-in works on either node");
    }

    private static void signOut(String node, String token) throws Exception {
        int status = HTTP.send(HttpRequest.newBuilder(URI.create(node + "/logout"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
        assertTrue(status < 400, "signed out: " + status);
    }

    private static <T> T unchecked(Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
