package cn.moralbank.web.pages;

import cn.moralbank.points.ledger.api.EntryKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every kind of passbook line has its name in every bundle the pages read (the passbook showed
 * "??entry.TRANSFER_IN_zh_CN??" after a merge: a kind added to the ledger without its words).
 */
class EntryKindTextsTest {

    @Test
    void everyKindOfPassbookLineIsNamedInChineseAndEnglish() throws IOException {
        for (String bundle : new String[] {"messages", "messages_zh_CN", "messages_en"}) {
            Properties texts = new Properties();
            try (InputStream in = getClass().getResourceAsStream("/i18n/" + bundle + ".properties")) {
                assertNotNull(in, bundle);
                texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            for (EntryKind kind : EntryKind.values()) {
                String text = texts.getProperty("entry." + kind.name());
                assertNotNull(text, bundle + " has no entry." + kind.name());
                assertFalse(text.isBlank(), bundle + " entry." + kind.name());
            }
        }
    }
}
