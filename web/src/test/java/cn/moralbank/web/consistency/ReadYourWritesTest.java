package cn.moralbank.web.consistency;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Read your writes: what a person saves is in the views when the answer reaches them. The projections are made slow
 * on purpose (each write of the balance and voucher views waits 300 ms), so an answer that did not wait for them
 * would be read before the views hold the write. The wait's bound is raised for this class (30 s, 2 s in production):
 * what is proved is that the answer waits for the views, not how fast a loaded machine projects.
 */
@MicronautTest(transactional = false)
class ReadYourWritesTest extends AppTest {
    private static final String ADMIN = "hedong.admin";
    private static final long WAIT_MILLIS = 30_000;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("moralbank.views.wait-millis", String.valueOf(WAIT_MILLIS));
        props.put("micronaut.http.client.read-timeout", "60s");
        return props;
    }

    @BeforeEach
    void slowViews() {
        sql().update("""
                CREATE OR REPLACE FUNCTION slow_view() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(0.3); RETURN NEW; END $$""");
        sql().update("CREATE TRIGGER slow_balance BEFORE INSERT OR UPDATE ON account_balance FOR EACH ROW "
                + "EXECUTE FUNCTION slow_view()");
        sql().update("CREATE TRIGGER slow_voucher BEFORE INSERT OR UPDATE ON voucher_view FOR EACH ROW "
                + "EXECUTE FUNCTION slow_view()");
    }

    @AfterEach
    void fastViews() {
        sql().update("DROP TRIGGER slow_balance ON account_balance");
        sql().update("DROP TRIGGER slow_voucher ON voucher_view");
    }

    @Test
    void aCreditIsOnTheBalanceWhenItsAnswerArrives() {
        String household = householdOf("河东村");
        long before = balance(household);
        credit(household, 12);
        assertEquals(before + 12, balance(household), "the balance view holds the credit");
    }

    @Test
    void aVoucherCanBeFoundRightAfterItsIssueAndItsVoidAnswersVoided() {
        String household = householdOf("河东村");
        credit(household, 30);
        Map<?, ?> issued = exchange(as(ADMIN, HttpRequest.POST("/api/households/" + household + "/vouchers",
                Map.of("batchId", "ryw-" + UUID.randomUUID(), "denominations", List.of(10)))), Map.class).body();
        String serial = (String) ((Map<?, ?>) ((List<?>) issued.get("vouchers")).get(0)).get("serial");
        assertEquals("ISSUED", sql().single("SELECT status FROM voucher_view WHERE serial = ?", serial),
                "the voucher view holds the voucher when the issue is answered");

        HttpResponse<Map> voided = exchange(as(ADMIN, HttpRequest.POST("/api/vouchers/" + serial + "/void",
                Map.of("reason", "写错了"))), Map.class);
        assertEquals("VOIDED", voided.body().get("status"), "the void's answer is the voided voucher");
    }

    private void credit(String household, long points) {
        HttpResponse<Map> answer = exchange(as(ADMIN, HttpRequest.POST("/api/households/" + household + "/credits",
                Map.of("entryId", "ryw-" + UUID.randomUUID(), "points", points, "reason", "助人为乐"))), Map.class);
        assertEquals(201, answer.code());
        assertNull(answer.header("X-Views-Pending"), "within the wait");
        String timing = answer.header("Server-Timing");
        assertNotNull(timing, "the answer says how long it waited for its views");
        double waited = Double.parseDouble(timing.replaceFirst("^views;dur=", ""));
        assertTrue(waited >= 0 && waited < WAIT_MILLIS, "views;dur in milliseconds: " + timing);
    }
}
