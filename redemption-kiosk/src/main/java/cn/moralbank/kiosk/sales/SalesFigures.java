package cn.moralbank.kiosk.sales;

import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.region.Region;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * The love supermarkets of a region, as the county dashboard shows them: goods in stock, donated and sold, and the
 * donations of the period. The kiosk module's query API for its figures: the web reads the kiosk's read models only
 * through it (ArchitectureRulesTest), so their tables can change with the kiosk alone. Every module's tables are
 * migrated before the application serves a page, so they are there; if a query fails all the same, the section is
 * left out rather than failing the page.
 */
@Singleton
public class SalesFigures {
    private static final Logger LOG = LoggerFactory.getLogger(SalesFigures.class);
    private final SqlRows sql;

    SalesFigures(SqlRows sql) {
        this.sql = sql;
    }

    public record Shop(String name, long onHand, long donated, long sold) {
    }

    public record Figures(List<Shop> shops, long donations, long donatedValueFen) {
        public String donatedValueYuan() {
            return String.format("%.2f", donatedValueFen / 100.0);
        }
    }

    public Optional<Figures> of(Region region, Period period) {
        try {
            List<Shop> shops = sql.list("""
                    SELECT s.name, coalesce(sum(l.on_hand), 0), coalesce(sum(l.donated), 0), coalesce(sum(l.sold), 0)
                    FROM supermarket s LEFT JOIN stock_level l ON l.supermarket_id = s.id
                    WHERE s.region_path LIKE ? GROUP BY s.id, s.name ORDER BY s.name""",
                    rs -> new Shop(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                    region.path() + "%");
            var donations = sql.one("""
                    SELECT count(DISTINCT d.donation_id), coalesce(sum(d.declared_value_fen), 0)
                    FROM donation_line_view d JOIN supermarket s ON s.id = d.supermarket_id
                    WHERE s.region_path LIKE ? AND d.received_on >= ? AND d.received_on < ?""",
                    rs -> new long[]{rs.getLong(1), rs.getLong(2)}, region.path() + "%", period.start(),
                    period.end()).orElse(new long[]{0, 0});
            return Optional.of(new Figures(shops, donations[0], donations[1]));
        } catch (RuntimeException e) {
            // the kiosk's tables are there but not in the shape this page knows: leave the section out
            LOG.warn("supermarket figures unavailable: {}", e.toString());
            return Optional.empty();
        }
    }
}
