package cn.moralbank.points.testing;

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
 * Checks that a module's refusals all have texts: reads a bundle, finds the message codes the sources throw, and
 * asserts both languages hold every code and every text formats.
 */
public final class MessageBundles {
    private MessageBundles() {
    }

    public static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundles.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            assertNotNull(in, name);
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    /** The codes a pattern finds in the sources of some points-service packages (first non-null group). */
    public static Set<String> codesIn(Pattern code, String... packages) throws IOException {
        Set<String> codes = new TreeSet<>();
        for (String pkg : packages) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/cn/moralbank/points", pkg))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = code.matcher(Files.readString(file));
                    while (m.find()) {
                        for (int g = 1; g <= m.groupCount(); g++) {
                            if (m.group(g) != null) {
                                codes.add(m.group(g));
                                break;
                            }
                        }
                    }
                }
            }
        }
        return codes;
    }

    /** Both languages have the same keys, every code, and texts that format. */
    public static void assertComplete(Properties zh, Properties en, Set<String> codes) {
        assertEquals(zh.keySet(), en.keySet(), "both languages have the same messages");
        for (String code : codes) {
            assertTrue(zh.containsKey(code), "zh_CN lacks " + code);
            assertTrue(en.containsKey(code), "en lacks " + code);
        }
        for (Properties bundle : new Properties[]{zh, en}) {
            bundle.forEach((key, text) -> assertDoesNotThrow(
                    () -> new MessageFormat((String) text).format(new Object[]{"a", 1, "b", "c", "d"}), (String) key));
        }
    }
}
