package cn.moralbank.kiosk.pages;

import cn.moralbank.kiosk.stock.Yuan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Instants as the villages read them, in their own zone whatever the server's: for templates. */
public final class Times {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final ZoneId zone;

    Times(ZoneId zone) {
        this.zone = zone;
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(zone));
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    public LocalDate date(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toLocalDate();
    }

    public String yuan(long fen) {
        return Yuan.format(fen);
    }
}
