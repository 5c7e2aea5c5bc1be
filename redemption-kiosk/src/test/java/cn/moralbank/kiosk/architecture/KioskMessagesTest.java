package cn.moralbank.kiosk.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every refusal the kiosk, the stock book and the vouchers can give, and every text of their pages, has a message
 * in Chinese and in English that formats.
 */
class KioskMessagesTest {
    private static final Pattern CODE = Pattern.compile(
            "(?:KioskRefusal|VoucherRefusal|BadInput|NotFound)\\(\"([a-z.-]+)\"|text\\([^;]*?\"([a-z.-]+)\"\\)");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-z][a-z0-9.-]*[a-z0-9])[(}]");

    @Test
    void everyRefusalCodeAndPageTextHasAChineseAndAnEnglishMessageThatFormats() throws IOException {
        Properties zh = bundle("kiosk_zh_CN");
        Properties en = bundle("kiosk_en");
        assertEquals(new TreeSet<>(zh.stringPropertyNames()), new TreeSet<>(en.stringPropertyNames()),
                "both languages have the same messages");
        Set<String> codes = new TreeSet<>();
        collect(Path.of("src/main/java"), CODE, codes);
        collect(Path.of("../points-service/src/main/java/cn/moralbank/points/voucher"), CODE, codes);
        Set<String> keys = new TreeSet<>();
        collect(Path.of("src/main/resources/views"), TEMPLATE_KEY, keys);
        assertTrue(codes.size() > 60, "codes found: " + codes.size());
        Properties elsewhere = new Properties();
        for (String other : new String[]{"i18n/messages_zh_CN", "i18n/households_zh_CN"}) {
            try (InputStream in = getClass().getResourceAsStream("/" + other + ".properties")) {
                if (in != null) {
                    elsewhere.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            }
        }
        for (String code : codes) {
            assertTrue(zh.containsKey(code) || elsewhere.containsKey(code), "no message for " + code);
        }
        for (String key : keys) {
            assertTrue(zh.containsKey(key) || isWebKey(key), "no page text for " + key);
        }
        for (Properties b : new Properties[]{zh, en}) {
            b.forEach((key, text) -> assertDoesNotThrow(
                    () -> new MessageFormat((String) text).format(new Object[]{"a", 1, "b", "c"}), (String) key));
        }
    }

    /** Keys of the web module's own bundle that the kiosk's pages share (app name, actions, household labels). */
    private static boolean isWebKey(String key) {
        return key.startsWith("app.") || key.startsWith("action.") || key.startsWith("household.");
    }

    private static void collect(Path root, Pattern pattern, Set<String> into) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    into.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = KioskMessagesTest.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            assertNotNull(in, name);
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
