package cn.moralbank.web.households;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * 期初积分 in the household import: each row's paper balance becomes one carried-over entry; the preview sums them
 * per village; importing the same file again books nothing more; a bad value refuses the whole file.
 */
@MicronautTest(transactional = false)
class OpeningBalanceImportTest extends AppTest {

    private String grid() {
        return (String) sql().single("SELECT code FROM region WHERE name = '第二网格' AND path LIKE "
                + "(SELECT path FROM region WHERE name = '河东村') || '%'");
    }

    private MultipartBody file(String csv) {
        return MultipartBody.builder().addPart("file", "households.csv", MediaType.TEXT_PLAIN_TYPE,
                csv.getBytes(StandardCharsets.UTF_8)).build();
    }

    private long carriedOver() {
        return sql().count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%BalanceCarriedOver'");
    }

    @Test
    void openingBalancesAreSummedPerVillageAndBookedOnceEvenWhenTheFileIsImportedTwice() {
        String csv = "户卡号,户主,网格编码,期初积分,期初日期,存折编号\n"
                + "990000000001,赵期初," + grid() + ",120,2026-11-30,HD-0001\n"
                + "990000000002,钱期初," + grid() + ",80,2026/11/30,HD-0002\n"
                + "990000000003,孙无存折," + grid() + ",,,\n";
        Map<?, ?> preview = client.toBlocking().retrieve(as("hedong.admin",
                HttpRequest.POST("/api/households/import/preview", file(csv))
                        .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class);
        assertEquals(true, preview.get("importable"), preview.toString());
        assertEquals(List.of(Map.of("village", "河东村", "households", 2, "points", 200)), preview.get("openings"));

        long before = carriedOver();
        HttpResponse<Map> imported = exchange(as("hedong.admin", HttpRequest.POST("/api/households/import", file(csv))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class);
        assertEquals(201, imported.code());
        assertEquals(before + 2, carriedOver());
        String zhao = (String) sql().single("SELECT id FROM household WHERE card_number = '990000000001'");
        awaitBalance(zhao, 60 + 120);
        assertEquals(1, sql().count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%BalanceCarriedOver' AND convert_from(meta_data, 'UTF8') LIKE '%hedong.admin%'",
                zhao), "booked in the importer's name");

        // the same file again (a second click, a retry) is known: it registers and books nothing more
        HttpResponse<Map> again = exchange(as("hedong.admin", HttpRequest.POST("/api/households/import", file(csv))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class);
        assertEquals(201, again.code());
        assertEquals(3, ((Number) again.body().get("imported")).intValue());
        assertEquals(0, ((Number) again.body().get("registeredNow")).intValue(), "this upload registered none");
        assertEquals(3, ((Number) again.body().get("alreadyImported")).intValue());
        assertEquals(before + 2, carriedOver(), "the same file again books nothing more");
        awaitBalance(zhao, 60 + 120);
    }

    @Test
    void aBadOpeningValueRefusesTheWholeFileAndChangesNothing() {
        String csv = "户主,网格编码,期初积分,期初日期,存折编号\n"
                + "周期初," + grid() + ",50,2026-11-30,HD-0101\n"
                + "吴期初," + grid() + ",五十,2026-11-30,HD-0102\n"
                + "郑期初," + grid() + ",30,2026-13-45,HD-0103\n"
                + "王期初," + grid() + ",30,2026-11-30,存折一\n";
        long households = sql().count("SELECT count(*) FROM household");
        long events = sql().count("SELECT count(*) FROM domain_event_entry");
        Map<?, ?> preview = client.toBlocking().retrieve(as("hedong.admin",
                HttpRequest.POST("/api/households/import/preview", file(csv))
                        .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class);
        assertEquals(false, preview.get("importable"));
        List<?> problems = (List<?>) preview.get("problems");
        assertEquals(List.of(3, 4, 5), problems.stream().map(p -> ((Number) ((Map<?, ?>) p).get("line")).intValue())
                .toList(), problems.toString());
        assertTrue(problems.toString().contains("期初积分 五十 不对"), problems.toString());

        assertEquals(422, refusal(as("hedong.admin", HttpRequest.POST("/api/households/import", file(csv))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE))).status());
        assertEquals(households, sql().count("SELECT count(*) FROM household"));
        assertEquals(events, sql().count("SELECT count(*) FROM domain_event_entry"));
    }

    @Test
    void aFileWithoutCardNumbersImportedTwiceRegistersItsHouseholdsOnce() {
        String csv = "户主,网格编码,期初积分,期初日期,存折编号\n"
                + "冯两次," + grid() + ",70,2026-11-30,HD-0201\n"
                + "陈两次," + grid() + ",40,2026-11-30,HD-0202\n";
        assertEquals(201, exchange(as("hedong.admin", HttpRequest.POST("/api/households/import", file(csv))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class).code());
        long households = sql().count("SELECT count(*) FROM household");
        long events = sql().count("SELECT count(*) FROM domain_event_entry");
        // the same file again is known as imported: nothing to check or register
        Map<?, ?> again = client.toBlocking().retrieve(as("hedong.admin",
                HttpRequest.POST("/api/households/import/preview", file(csv))
                        .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class);
        assertEquals(true, again.get("importable"), again.toString());
        assertEquals(2, again.get("alreadyImported"));
        assertEquals(0, again.get("rowCount"));
        HttpResponse<Map> imported = exchange(as("hedong.admin", HttpRequest.POST("/api/households/import",
                file(csv)).contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class);
        assertEquals(2, ((Number) imported.body().get("imported")).intValue());
        // the same rows in a file saved again (other bytes): the heads and the passbooks are known
        Map<?, ?> resaved = client.toBlocking().retrieve(as("hedong.admin",
                HttpRequest.POST("/api/households/import/preview", file(csv + "\n"))
                        .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class);
        assertEquals(false, resaved.get("importable"), "the cards are new, but the households and passbooks are not");
        assertEquals(List.of("household.import.opening.passbook-taken", "household.import.opening.passbook-taken"),
                ((List<?>) resaved.get("problems")).stream().map(p -> ((Map<?, ?>) p).get("code")).toList());
        assertEquals(422, refusal(as("hedong.admin", HttpRequest.POST("/api/households/import", file(csv + "\n"))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE))).status());
        assertEquals(households, sql().count("SELECT count(*) FROM household"));
        assertEquals(events, sql().count("SELECT count(*) FROM domain_event_entry"));
    }
}
