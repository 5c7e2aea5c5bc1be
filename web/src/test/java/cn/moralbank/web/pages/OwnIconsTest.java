package cn.moralbank.web.pages;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * No page, message, script or server text needs an emoji font: village PCs often have none, and 🏆 showed as a box
 * there (issue 16). Pictures are our own inline SVG icons; ★ and ☆ stay, since every CJK font draws them.
 */
class OwnIconsTest {
    private static final List<Path> SOURCES = List.of(
            Path.of("src/main"), Path.of("../points-service/src/main"), Path.of("../redemption-kiosk/src/main"));

    static boolean needsEmojiFont(int cp) {
        if (cp == 0x2605 || cp == 0x2606) {
            return false; // ★ ☆
        }
        return cp >= 0x1F000 && cp <= 0x1FAFF   // pictographs, emoticons, transport, 🏆
                || cp >= 0x2600 && cp <= 0x27BF // miscellaneous symbols and dingbats (✅ ⚠ ☎)
                || cp >= 0x2B00 && cp <= 0x2BFF // ⭐ and arrows drawn as emoji
                || cp >= 0x2300 && cp <= 0x23FF // ⏰ ⌛
                || cp == 0xFE0F;                // the emoji presentation selector
    }

    @Test
    void noTextNeedsAnEmojiFont() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        for (Path root : SOURCES) {
            assertTrue(Files.isDirectory(root), root.toAbsolutePath().toString());
            try (Stream<Path> all = Files.walk(root)) {
                for (Path f : (Iterable<Path>) all.filter(OwnIconsTest::isText)::iterator) {
                    files++;
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    text.codePoints().filter(OwnIconsTest::needsEmojiFont).distinct()
                            .forEach(cp -> found.add(f + ": " + Character.toString(cp)
                                    + " U+" + Integer.toHexString(cp).toUpperCase()));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        assertTrue(files > 100, "text files looked through: " + files);
        assertEquals(List.of(), found, "use an icon of our own (inline SVG) instead");
    }

    @Test
    void theRuleKnowsAnEmojiFromAStar() {
        assertTrue(needsEmojiFont("🏆".codePointAt(0)));
        assertTrue(needsEmojiFont("⭐".codePointAt(0)));
        assertFalse(needsEmojiFont('★'));
        assertFalse(needsEmojiFont('积'));
    }

    private static boolean isText(Path f) {
        String n = f.getFileName().toString();
        return Files.isRegularFile(f) && (n.endsWith(".html") || n.endsWith(".properties") || n.endsWith(".js")
                || n.endsWith(".css") || n.endsWith(".java"));
    }
}
