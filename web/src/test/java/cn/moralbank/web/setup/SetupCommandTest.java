package cn.moralbank.web.setup;

import cn.moralbank.points.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code setup} on a fresh database, as the console runs it: it creates the city and its first office account, with
 * a password printed once and what to do next, and nothing of the demo county; run again it refuses with a clear
 * message, exits non-zero and changes nothing. A bad division code is refused before anything is written.
 */
class SetupCommandTest {

    @Test
    void setupCreatesTheCityAndItsOfficeOnceAndRefusesASecondRunChangingNothing() throws Exception {
        Map<String, Object> db = database();
        Run first = run(db, "setup", "--city", "--code", "130800", "--name", "承德市", "--username", "chengde.office");
        assertEquals(0, first.status, first.printed);
        assertTrue(first.printed.contains("承德市"), first.printed);
        assertTrue(first.printed.contains("password (shown this once only"), first.printed);
        assertTrue(first.printed.contains("Next"), first.printed);
        String before = snapshot(db);
        assertTrue(before.contains("CITY 130800 承德市"), before);
        assertTrue(before.contains("chengde.office CITY_OFFICE"), before);
        assertFalse(before.contains("hedong"), "nothing of the demo county: " + before);
        assertTrue(before.contains("must change chengde.office"), "the printed password is changed at first sign-in");

        Run second = run(db, "setup", "--county", "--code", "130826", "--name", "丰宁满族自治县", "--username",
                "fengning.office", "--password", "long-enough-1");
        assertEquals(2, second.status, second.printed);
        assertTrue(second.printed.contains("set up already"), second.printed);
        assertTrue(second.printed.contains("Nothing was changed") || second.printed.contains("nothing was"),
                second.printed);
        assertEquals(before, snapshot(db), "a refused setup changes nothing");
    }

    @Test
    void aWrongDivisionCodeIsRefusedAndNothingIsWritten() throws Exception {
        Map<String, Object> db = database();
        Run bad = run(db, "setup", "--county", "--code", "13082", "--name", "丰宁满族自治县", "--username",
                "fengning.office", "--password", "long-enough-1");
        assertEquals(2, bad.status, bad.printed);
        assertTrue(bad.printed.contains("13082"), bad.printed);
        assertEquals("", snapshot(db));

        Run good = run(db, "setup", "--county", "--code", "130826", "--name", "丰宁满族自治县", "--username",
                "fengning.office", "--password", "long-enough-1");
        assertEquals(0, good.status, good.printed);
        assertFalse(good.printed.contains("shown this once"), "a given password is not printed: " + good.printed);
        assertTrue(snapshot(db).contains("fengning.office COUNTY_OFFICE"));
    }

    @Test
    void missingOptionsAreRefusedWithTheUsage() {
        Run run = run(Map.of(), "setup", "--city", "--code", "130800");
        assertEquals(2, run.status);
        assertTrue(run.printed.contains("usage: setup"), run.printed);
    }

    private record Run(int status, String printed) {
    }

    private static Run run(Map<String, Object> db, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = SetupCommand.run(args, db, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> database() {
        Map<String, Object> props = new HashMap<>(TestDatabase.freshDatabaseProperties());
        props.put("moralbank.jwt-secret", "test-secret-test-secret-test-secret-0123456789");
        return props;
    }

    /** Regions, people and the setup marker as text, to compare before and after. */
    private static String snapshot(Map<String, Object> db) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection((String) db.get("datasources.default.url"),
                (String) db.get("datasources.default.username"), (String) db.get("datasources.default.password"))) {
            boolean migrated;
            try (var rs = c.createStatement().executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'setup_done'")) {
                rs.next();
                migrated = rs.getLong(1) > 0;
            }
            if (!migrated) {
                return "";
            }
            for (String sql : new String[]{
                    "SELECT level || ' ' || code || ' ' || name || ' ' || path FROM region ORDER BY id",
                    "SELECT username || ' ' || role || ' ' || password_hash FROM person ORDER BY id",
                    "SELECT first_user || ' ' || done_at FROM setup_done",
                    "SELECT 'must change ' || username FROM person_password_reset ORDER BY username",
                    "SELECT count(*)::text FROM household"}) {
                try (var rs = c.createStatement().executeQuery(sql)) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        String text = out.toString();
        return text.equals("0\n") ? "" : text;
    }
}
