package cn.moralbank.web.pages;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * English texts are formatted as MessageFormat patterns, where a lone apostrophe starts a quote and disappears: the
 * ledger check page read "each households balance". English bundles write ’ (or '' where a pattern needs it).
 */
class EnglishApostrophesTest {
    private static final Pattern LONE = Pattern.compile("(?<!')'(?!')");

    @Test
    void noEnglishTextHasALoneApostrophe() throws IOException {
        List<String> bad = new ArrayList<>();
        for (String bundle : new String[] {"county", "deadletters", "deeds", "households", "kiosk", "messages",
                "people", "ratings", "requests", "verify"}) {
            try (InputStream in = getClass().getResourceAsStream("/i18n/" + bundle + "_en.properties")) {
                assertNotNull(in, bundle + "_en.properties on the classpath");
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.stripLeading().startsWith("#") && line.contains("=") && LONE.matcher(line).find()) {
                        bad.add(bundle + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }
}
