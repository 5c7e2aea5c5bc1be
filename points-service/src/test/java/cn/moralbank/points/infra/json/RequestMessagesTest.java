package cn.moralbank.points.infra.json;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static cn.moralbank.points.testing.MessageBundles.assertComplete;
import static cn.moralbank.points.testing.MessageBundles.bundle;
import static cn.moralbank.points.testing.MessageBundles.codesIn;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every refusal of a request as such (JSON values, checked text, upload limits, dates) has both languages' texts. */
class RequestMessagesTest {
    private static final Pattern CODE = Pattern.compile("(?:JsonValueRefused|BadInput)\\(\"([a-z.-]+)\"");

    @Test
    void everyRequestRefusalHasAChineseAndAnEnglishMessageThatFormats() throws IOException {
        Properties zh = bundle("requests_zh_CN");
        Properties en = bundle("requests_en");
        Set<String> codes = new TreeSet<>(codesIn(CODE, "infra", "common"));
        codes.add("text.unstorable");
        codes.add("upload.cell-too-long");
        assertComplete(zh, en, codes);
        assertEquals(zh, bundle("requests"), "the default bundle is the Chinese one");
    }
}
