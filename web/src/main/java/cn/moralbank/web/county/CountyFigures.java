package cn.moralbank.web.county;

import jakarta.inject.Singleton;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** What the database holds after a generation, counted with SQL: the figures the command prints. */
@Singleton
public class CountyFigures {
    private final JdbcOperations jdbc;

    CountyFigures(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Connectable
    public long households() {
        return counts("SELECT 'all', count(*) FROM household").getOrDefault("all", 0L);
    }

    @Connectable
    public Summary summary(Map<String, Double> seconds, String deepHousehold, String deepCard, long deepEntries) {
        return new Summary(
                counts("SELECT level, count(*) FROM region GROUP BY level"),
                counts("SELECT 'households', count(*) FROM household"),
                counts("SELECT role, count(*) FROM person GROUP BY role"),
                counts("SELECT 'supermarkets', count(*) FROM supermarket UNION ALL SELECT 'products', count(*) FROM product"),
                counts("SELECT regexp_replace(payload_type, '.*\\.', ''), count(*) FROM domain_event_entry GROUP BY 1"),
                new LinkedHashMap<>(seconds), deepHousehold, deepCard, deepEntries);
    }

    private Map<String, Long> counts(String sql) {
        return jdbc.prepareStatement(sql, ps -> {
            Map<String, Long> counts = new TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    public record Summary(Map<String, Long> regions, Map<String, Long> households, Map<String, Long> people,
                          Map<String, Long> shops, Map<String, Long> events, Map<String, Double> seconds,
                          String deepHousehold, String deepCard, long deepEntries) {

        public long totalEvents() {
            return events.values().stream().mapToLong(Long::longValue).sum();
        }

        void print(PrintStream out, int firstVillage) {
            out.println();
            out.println("Regions:      " + regions);
            out.println("Households:   " + households.get("households"));
            out.println("People:       " + people);
            out.println("Supermarkets: " + shops.get("supermarkets") + ", products: " + shops.get("products"));
            out.println("Events by type:");
            events.forEach((type, n) -> out.printf("  %-28s %,12d%n", type, n));
            out.printf("  %-28s %,12d%n", "total", totalEvents());
            out.println("Elapsed:");
            seconds.forEach((phase, s) -> out.printf("  %-28s %10.1f s%n", phase, s));
            out.printf("Deep household (snapshot benchmark): %s, card %s, %,d ledger entries%n", deepHousehold,
                    deepCard, deepEntries);
            String v = String.format("v%04d", firstVillage);
            out.println("Sign in with password " + CountyGenerator.PASSWORD + " as county.office, t01.officer, "
                    + v + ".admin, " + v + ".c1 … " + v + ".c5, " + v + ".grid1, " + v + ".shop, " + v + ".kiosk1, "
                    + v + ".villager (and so on for every township tNN and village vNNNN); card PIN "
                    + CountyGenerator.PIN + " for every household.");
        }
    }
}
