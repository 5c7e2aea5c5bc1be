package cn.moralbank.web.deeds;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every fixed text the deed and rules pages ask for exists in Chinese and in English, and no key of the deeds bundle
 * is written twice (the later one would silently replace a refusal's message).
 */
class DeedPageTextsTest {
    private static final Pattern KEY = Pattern.compile("#\\{([a-z][a-z0-9.-]+)[}(]");
    private static final List<String> BUNDLES = List.of("deeds", "messages");

    @Test
    void everyTextOfTheDeedPagesHasAChineseAndAnEnglishMessage() throws IOException {
        Properties zh = merged("_zh_CN");
        Properties en = merged("_en");
        Set<String> keys = keysOfTemplates();
        assertTrue(keys.size() > 80, "keys found: " + keys.size());
        for (String key : keys) {
            assertTrue(zh.containsKey(key), "zh_CN lacks " + key);
            assertTrue(en.containsKey(key), "en lacks " + key);
        }
        for (Properties bundle : List.of(zh, en)) {
            bundle.forEach((key, text) -> assertDoesNotThrow(
                    () -> new MessageFormat((String) text).format(new Object[]{"a", 1, "b", "c", "d"}), (String) key));
        }
    }

    @Test
    void noKeyOfTheDeedsBundleIsWrittenTwice() throws IOException {
        for (String language : List.of("_zh_CN", "_en")) {
            List<String> lines = lines("/i18n/deeds" + language + ".properties");
            Set<String> seen = new HashSet<>();
            List<String> twice = new ArrayList<>();
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#") || !line.contains("=")) {
                    continue;
                }
                String key = line.substring(0, line.indexOf('=')).strip();
                if (!seen.add(key)) {
                    twice.add(key);
                }
            }
            assertEquals(List.of(), twice, "deeds" + language);
        }
    }

    /** The keys the deed and rules templates use literally (keys built from a status or a choice are checked too). */
    private static Set<String> keysOfTemplates() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String folder : List.of("views/deeds", "views/rules")) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/resources", folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                    Matcher m = KEY.matcher(Files.readString(file));
                    while (m.find()) {
                        keys.add(m.group(1));
                    }
                }
            }
        }
        for (String status : List.of("PENDING", "UNDER_REVIEW", "POSTED", "CONFIRMED", "CREDITED", "REJECTED",
                "WITHDRAWN", "REVOKED")) {
            keys.add("deed.status." + status);
        }
        for (String outcome : List.of("UNDER_REVIEW", "APPROVED", "REJECTED", "RETURNED", "WITHDRAWN")) {
            keys.add("deeds.session.outcome." + outcome);
        }
        keys.addAll(List.of("deeds.session.status.OPEN", "deeds.session.status.CLOSED", "deeds.vote.done.POSTED",
                "deeds.vote.done.REJECTED", "deed.vote.APPROVE", "deed.vote.REJECT", "deed.vote.ABSTAIN"));
        return keys;
    }

    private static Properties merged(String language) throws IOException {
        Properties all = new Properties();
        for (String bundle : BUNDLES) {
            try (InputStream in = DeedPageTextsTest.class.getResourceAsStream("/i18n/" + bundle + language
                    + ".properties")) {
                assertNotNull(in, bundle + language);
                all.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        }
        return all;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = DeedPageTextsTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
