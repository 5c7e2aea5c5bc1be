package cn.moralbank.web.deeds;

import cn.moralbank.points.testing.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The session page's form that sets a deed's points ({@code POST /deeds/{id}/points}): a missing or wrong field is
 * the form again with the message (422), a deed on no agenda is refused the same way (it answered 500), the proper
 * form sets the points.
 */
@MicronautTest(transactional = false)
class DeedPointsFormTest extends DeedAppTest {

    @Override
    Map<String, String> noticeJob() {
        return Map.of("moralbank.deeds.objection-job.enabled", "false");
    }

    @Test
    void theFormRefusesBadInputWithAMessageAndSetsThePointsWhenProper() {
        String household = freshHousehold("第一网格", "河东村", ADMIN, "积分表单");
        String deed = reportAs(GRID1, report(household, "SOC-01", today(), "照顾邻居老人"));
        awaitStatus(deed, "PENDING");
        long before = eventsOf(deed);

        Refusal notOnAgenda = refusal(form("hedong.c1", deed, "points=5&reason=x"));
        assertEquals(422, notOnAgenda.status(), notOnAgenda.body());
        assertEquals(before, eventsOf(deed));

        prepare("积分表单评议会", deed);
        long prepared = eventsOf(deed);
        long points = sql().count("SELECT points FROM deed_view WHERE deed_id = ?", deed);
        for (String bad : new String[]{"reason=x", "points=&reason=x", "points=five&reason=x", "points=5"}) {
            Refusal refusal = refusal(form("hedong.admin", deed, bad));
            assertEquals(422, refusal.status(), bad + ": " + refusal.body());
            assertTrue(refusal.body().contains("class=\"error") || refusal.body().contains("error"), bad);
            assertEquals(prepared, eventsOf(deed), bad + " changed the deed");
        }
        long wanted = points == 8 ? 7 : 8;
        HttpResponse<String> ok = noRedirects().toBlocking().exchange(form("hedong.c1", deed,
                "points=" + wanted + "&reason=核实"), String.class);
        assertEquals(303, ok.code());
        Eventually.until("points " + wanted,
                () -> sql().count("SELECT points FROM deed_view WHERE deed_id = ?", deed) == wanted);
    }

    private MutableHttpRequest<String> form(String user, String deed, String body) {
        return as(user, HttpRequest.POST("/deeds/" + deed + "/points", body)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML_TYPE));
    }
}
