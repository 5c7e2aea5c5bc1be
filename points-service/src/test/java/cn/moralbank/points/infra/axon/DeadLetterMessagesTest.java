package cn.moralbank.points.infra.axon;

import org.junit.jupiter.api.Test;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** The dead-letter page's and API's texts: the same keys in Chinese and English, every outcome named, each formats. */
class DeadLetterMessagesTest {
    @Test
    void bothLanguagesHaveEveryTextAndEachFormats() {
        ResourceBundle zh = bundle(Locale.SIMPLIFIED_CHINESE);
        ResourceBundle en = bundle(Locale.ENGLISH);
        assertEquals(new TreeSet<>(zh.keySet()), new TreeSet<>(en.keySet()));
        assertTrue(zh.containsKey("deadletter.not-found"));
        for (DeadLetterQueues.Outcome outcome : DeadLetterQueues.Outcome.values()) {
            assertTrue(zh.containsKey("ops.dead-letters.outcome." + outcome), outcome.name());
        }
        assertEquals("重试", zh.getString("ops.dead-letters.retry"), "read as UTF-8");
        for (ResourceBundle bundle : new ResourceBundle[]{zh, en}) {
            for (String key : Collections.list(bundle.getKeys())) {
                String text = new MessageFormat(bundle.getString(key)).format(new Object[]{"甲", "乙"});
                assertFalse(text.contains("{"), key + ": " + text);
            }
        }
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("i18n.deadletters", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
