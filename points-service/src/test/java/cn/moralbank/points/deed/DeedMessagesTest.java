package cn.moralbank.points.deed;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import static cn.moralbank.points.testing.MessageBundles.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every refusal the rules and deed code can give has a message in Chinese and in English. */
class DeedMessagesTest {
    private static final Pattern CODE = Pattern.compile(
            "(?:BadInput|NotFound|DeedRefusal)\\(\"([a-z.-]+)\"|Text\\.(?:required|optional)\\([^;]*?\"([a-z.-]+)\"");

    @Test
    void everyRefusalCodeHasAChineseAndAnEnglishMessageThatFormats() throws IOException {
        Properties zh = bundle("deeds_zh_CN");
        Properties en = bundle("deeds_en");
        Set<String> codes = codesIn(CODE, "rules", "deed");
        assertTrue(codes.size() > 50, "codes found: " + codes.size());
        assertComplete(zh, en, codes);
        assertEquals("不能对自己上报的记录投票", zh.getProperty("deed.vote.own-report"));
    }
}
