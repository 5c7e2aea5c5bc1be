package cn.moralbank.points.rating;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import static cn.moralbank.points.testing.MessageBundles.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every refusal of the rankings and ratings has a message in Chinese and in English, and every text formats. */
class RatingMessagesTest {
    private static final Pattern CODE = Pattern.compile(
            "(?:BadInput|NotFound|RatingRefusal|Eligibility)\\(\"([a-z.-]+)\"|\"(rating\\.redeem\\.[a-z-]+)\"");

    @Test
    void everyRefusalCodeHasAChineseAndAnEnglishMessageThatFormats() throws IOException {
        Properties zh = bundle("ratings_zh_CN");
        Properties en = bundle("ratings_en");
        Set<String> codes = codesIn(CODE, "ranking", "rating", "report");
        assertTrue(codes.size() > 40, "codes found: " + codes.size());
        assertComplete(zh, en, codes);
        assertEquals("本次评定已经公布过了", zh.getProperty("rating.publish.already"));
    }
}
