package cn.moralbank.points.household;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Every message code the household package can raise has a text in Chinese and in English. */
class HouseholdMessagesTest {
    private static final Path SOURCES = Path.of("src/main/java/cn/moralbank/points/household");
    private static final Pattern CODE = Pattern.compile("\"(household\\.[a-z0-9.-]+[a-z0-9])\"");

    @Test
    void everyCodeOfTheHouseholdPackageHasAChineseAndAnEnglishText() throws IOException {
        Set<String> codes = codesInSources();
        for (ImportColumn column : ImportColumn.values()) {
            codes.add(column.labelCode());
        }
        assertTrue(codes.contains("household.import.grid.outside-scope"), "the sources were read: " + codes);
        for (Locale locale : new Locale[]{Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH}) {
            Set<String> missing = new TreeSet<>(codes);
            missing.removeAll(bundle(locale).keySet());
            assertEquals(Set.of(), missing, "codes without a text in " + locale);
        }
    }

    @Test
    void bothLanguagesHaveTheSameTextsAndEachFormats() {
        ResourceBundle zh = bundle(Locale.SIMPLIFIED_CHINESE);
        ResourceBundle en = bundle(Locale.ENGLISH);
        assertEquals(new TreeSet<>(zh.keySet()), new TreeSet<>(en.keySet()));
        assertEquals("户主姓名不能为空", zh.getString("household.import.head-name.missing"), "read as UTF-8");
        for (ResourceBundle bundle : new ResourceBundle[]{zh, en}) {
            for (String key : Collections.list(bundle.getKeys())) {
                String text = new MessageFormat(bundle.getString(key)).format(new Object[]{"甲", "乙", "丙"});
                assertFalse(text.contains("{"), key + ": " + text);
            }
        }
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("i18n.households", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static Set<String> codesInSources() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = CODE.matcher(Files.readString(file));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        return codes;
    }
}
