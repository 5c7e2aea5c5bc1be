package cn.moralbank.web.startup;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The embedded data follows MORALBANK_HOME, else the HOME environment variable (not Java's user.home). */
class DatabaseBootstrapHomeTest {

    @Test
    void theDataFollowsTheHomeVariable() {
        assertEquals(Path.of("/tmp/fresh-home/.moralbank"),
                DatabaseBootstrap.home(Map.of("HOME", "/tmp/fresh-home")));
    }

    @Test
    void moralbankHomeWinsOverHome() {
        assertEquals(Path.of("/srv/mb"),
                DatabaseBootstrap.home(Map.of("HOME", "/tmp/fresh-home", "MORALBANK_HOME", "/srv/mb")));
    }

    @Test
    void withoutHomeJavasUserHomeIsTheLastResort() {
        assertEquals(Path.of(System.getProperty("user.home"), ".moralbank"), DatabaseBootstrap.home(Map.of()));
    }
}
