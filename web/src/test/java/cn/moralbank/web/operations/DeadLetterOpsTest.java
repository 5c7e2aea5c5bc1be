package cn.moralbank.web.operations;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.PointsCredited;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The county office's dead-letter page and API on the running application: a credit whose text PostgreSQL refuses
 * (a NUL, appended straight to the event store) is parked by the passbook; the county office lists it, retries it
 * (it fails again, and says so), evicts it; each action is audited; other roles are refused (the authorization matrix
 * has every role and the other county), an unknown letter is 404 and a malformed id 400, both problem+json.
 */
@MicronautTest(transactional = false)
class DeadLetterOpsTest extends AppTest {
    @Inject Configuration axon;

    @Test
    void theCountyOfficeListsRetriesAndEvictsAParkedEvent() {
        String household = householdOf("河东村");
        String path = (String) sql().single("SELECT region_path FROM household WHERE id = ?", household);
        String name = (String) sql().single("SELECT head_name FROM household WHERE id = ?", household);
        long seq = sql().count("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                household);
        String type = (String) sql().single("SELECT type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "LIMIT 1", household);
        Actor admin = new Actor("hedong.admin", Role.VILLAGE_ADMIN, path, null, null);
        axon.eventStore().publish(new GenericDomainEventMessage<>(type, household, seq + 1,
                new PointsCredited(new HouseholdId(household), new EntryId("nul-ops"), 5, "adj\u0000ust", "x",
                        balance(household) + 5), admin.metaData()));
        Eventually.until("the passbook parked the event", () -> sql().count(
                "SELECT count(*) FROM dead_letter_entry WHERE sequence_identifier = ?", household) == 1);

        List<Map<String, Object>> letters = client.toBlocking().retrieve(as("wenmingban",
                HttpRequest.GET("/api/ops/dead-letters")), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        Map<String, Object> letter = letters.stream().filter(l -> household.equals(l.get("aggregateId")))
                .findFirst().orElseThrow();
        assertEquals("ledger-passbook", letter.get("processor"));
        assertEquals("PointsCredited", letter.get("eventType"));
        assertEquals(name, letter.get("householdName"));
        assertEquals("org.postgresql.util.PSQLException", letter.get("errorClass"));
        assertTrue(letter.get("errorMessage").toString().contains("0x00"));
        assertNotNull(letter.get("globalIndex"));
        String id = (String) letter.get("id");

        String page = client.toBlocking().retrieve(as("wenmingban", HttpRequest.GET("/ops/dead-letters")
                .accept(MediaType.TEXT_HTML_TYPE).header("Accept-Language", "en")));
        assertTrue(page.contains("Dead letters") && page.contains(name) && page.contains("PSQLException")
                && page.contains("/ops/dead-letters/" + id + "/retry"), page);

        Map<?, ?> retried = client.toBlocking().retrieve(as("wenmingban",
                HttpRequest.POST("/api/ops/dead-letters/" + id + "/retry", "")), Map.class);
        assertEquals("FAILED", retried.get("outcome"), "the NUL is still there: " + retried);
        assertTrue(retried.get("detail").toString().contains("0x00"));

        HttpResponse<String> evicted = noRedirects().toBlocking().exchange(as("wenmingban",
                HttpRequest.POST("/ops/dead-letters/" + id + "/evict", "").contentType(
                        MediaType.APPLICATION_FORM_URLENCODED_TYPE)), String.class);
        assertEquals(303, evicted.code());
        String location = evicted.header("Location");
        assertTrue(location.startsWith("/ops/dead-letters?outcome=EVICTED"), location);
        String after = client.toBlocking().retrieve(as("wenmingban", HttpRequest.GET(location)
                .accept(MediaType.TEXT_HTML_TYPE).header("Accept-Language", "zh-CN")));
        assertTrue(after.contains("已移除这条事件"), after);
        assertEquals(0, sql().count("SELECT count(*) FROM dead_letter_entry WHERE sequence_identifier = ?",
                household));
        assertEquals("RETRY:FAILED,EVICT:EVICTED", sql().single("SELECT string_agg(action || ':' || outcome, ',' "
                + "ORDER BY id) FROM dead_letter_action WHERE actor_user = 'wenmingban' AND sequence_identifier = ?",
                household), "both actions audited, with who and how they ended");

        Refusal village = refusal(as("hedong.admin", HttpRequest.GET("/api/ops/dead-letters")));
        assertEquals(403, village.status());
        Refusal unknown = refusal(as("wenmingban", HttpRequest.POST("/api/ops/dead-letters/"
                + UUID.randomUUID() + "/retry", "")));
        assertEquals(404, unknown.status());
        assertTrue(unknown.contentType().startsWith("application/problem+json"), unknown.contentType());
        assertTrue(unknown.body().contains("找不到这条死信"), unknown.body());
        Refusal malformed = refusal(as("wenmingban", HttpRequest.POST("/api/ops/dead-letters/x%27y/evict", "")));
        assertEquals(400, malformed.status(), malformed.body());
        assertTrue(malformed.contentType().startsWith("application/problem+json"), malformed.contentType());

        HttpClient plain = client;
        String health = plain.toBlocking().retrieve(HttpRequest.GET("/health"));
        assertTrue(health.contains("UP"), "a parked event does not take the node out: " + health);
    }
}
