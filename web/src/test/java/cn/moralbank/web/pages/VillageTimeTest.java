package cn.moralbank.web.pages;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every time a page prints is the villages' clock: the templates format moments with {@code times} (ZoneModel), never
 * with Thymeleaf's {@code #temporals} or {@code #dates}, which use the server's zone. On a server in UTC the
 * passbook, screen and print, dated every line before 8 in the morning the day before (the go-live walk's find).
 */
class VillageTimeTest {
    private static final List<Path> TEMPLATES = List.of(Path.of("src/main/resources/views"),
            Path.of("../redemption-kiosk/src/main/resources/views"));

    @Test
    void noTemplateFormatsATimeInTheServersZone() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        for (Path root : TEMPLATES) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> all = Files.walk(root)) {
                for (Path f : (Iterable<Path>) all.filter(p -> p.toString().endsWith(".html"))::iterator) {
                    files++;
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    for (String helper : List.of("#temporals", "#dates", "#calendars")) {
                        if (text.contains(helper)) {
                            found.add(f + ": " + helper);
                        }
                    }
                }
            }
        }
        assertTrue(files > 50, "templates looked through: " + files);
        assertEquals(List.of(), found, "format with ${times.format(moment, pattern)} or ${times.day(day, pattern)}");
    }
}
