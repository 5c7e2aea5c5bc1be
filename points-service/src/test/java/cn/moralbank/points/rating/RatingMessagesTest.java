package cn.moralbank.points.rating;

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

/** Every refusal of the rankings and ratings has a message in Chinese and in English, and every text formats. */
class RatingMessagesTest {
    private static final Pattern CODE = Pattern.compile(
            "(?:BadInput|NotFound|RatingRefusal|Eligibility)\\(\"([a-z.-]+)\"|\"(rating\\.redeem\\.[a-z-]+)\"");

    @Test
    void everyRefusalCodeHasAChineseAndAnEnglishMessageThatFormats() throws IOException {
        Properties zh = bundle("ratings_zh_CN");
        Properties en = bundle("ratings_en");
        assertEquals(zh.keySet(), en.keySet(), "both languages have the same texts");
        Set<String> codes = codesInSources();
        assertTrue(codes.size() > 40, "codes found: " + codes.size());
        for (String code : codes) {
            assertTrue(zh.containsKey(code), "zh_CN lacks " + code);
            assertTrue(en.containsKey(code), "en lacks " + code);
        }
        for (Properties bundle : new Properties[]{zh, en}) {
            bundle.forEach((key, text) -> assertDoesNotThrow(
                    () -> new MessageFormat((String) text).format(new Object[]{"a", 1, "b", "c", "d"}), (String) key));
        }
        assertEquals("本次评定已经公布过了", zh.getProperty("rating.publish.already"));
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = RatingMessagesTest.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            assertNotNull(in, name);
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Set<String> codesInSources() throws IOException {
        Set<String> codes = new TreeSet<>();
        for (String pkg : new String[]{"ranking", "rating", "report"}) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/cn/moralbank/points", pkg))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = CODE.matcher(Files.readString(file));
                    while (m.find()) {
                        codes.add(m.group(1) != null ? m.group(1) : m.group(2));
                    }
                }
            }
        }
        return codes;
    }
}
