package cn.moralbank.points.people;

import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.region.Region;

/**
 * The one rule for the supermarket of an operator or a kiosk, wherever a person is added, moved or imported: it
 * must serve the person's village, as its own supermarket or its township's shared one. Another village's is
 * refused, or an administrator could give someone of their own a till in a village they do not manage.
 */
final class ServingSupermarket {
    private ServingSupermarket() {
    }

    static boolean serves(SqlRows sql, long supermarketId, Region place) {
        return sql.count("""
                SELECT count(*) FROM supermarket WHERE id = ?
                  AND (region_path LIKE ? || '%' OR ? LIKE region_path || '%')""",
                supermarketId, place.path(), place.path()) > 0;
    }
}
