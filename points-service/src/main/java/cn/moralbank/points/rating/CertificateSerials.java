package cn.moralbank.points.rating;

import cn.moralbank.points.common.SqlRows;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Short serial numbers for certificates, as they are written in a register: {@code 2026-丰宁-000123} (year of the
 * round, the county's short name, a number counted per county and year). A certificate keeps its number: the first
 * showing allocates it, every reprint reads it. Allocation takes the counter row's lock first and looks again for an
 * existing number under it, so two offices printing at once neither share a number nor leave a gap.
 */
@Singleton
public class CertificateSerials {
    private final SqlRows sql;

    CertificateSerials(SqlRows sql) {
        this.sql = sql;
    }

    /** The serials of these subjects' certificates in the round, allocating the missing ones in the given order. */
    @Transactional
    public Map<String, String> of(String roundId, String period, String countyName, List<String> subjects) {
        Map<String, String> serials = existing(roundId, subjects);
        if (serials.size() == subjects.stream().distinct().count()) {
            return serials;
        }
        String prefix = period.substring(0, 4) + "-" + shortName(countyName);
        sql.prepare("INSERT INTO certificate_counter (prefix, last) VALUES (?, 0) ON CONFLICT DO NOTHING",
                ps -> {
                    ps.setString(1, prefix);
                    return ps.executeUpdate();
                });
        long last = sql.prepare("SELECT last FROM certificate_counter WHERE prefix = ? FOR UPDATE", ps -> {
            ps.setString(1, prefix);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        });
        // under the lock: another allocation that finished meanwhile is seen now, and kept
        serials = existing(roundId, subjects);
        List<String> missing = new ArrayList<>();
        for (String subject : subjects) {
            if (!serials.containsKey(subject) && !missing.contains(subject)) {
                missing.add(subject);
            }
        }
        for (String subject : missing) {
            last++;
            String serial = prefix + "-" + String.format("%06d", last);
            sql.prepare("INSERT INTO certificate_serial (round_id, subject, serial) VALUES (?, ?, ?)", ps -> {
                ps.setString(1, roundId);
                ps.setString(2, subject);
                ps.setString(3, serial);
                return ps.executeUpdate();
            });
            serials.put(subject, serial);
        }
        long allocated = last;
        sql.prepare("UPDATE certificate_counter SET last = ? WHERE prefix = ?", ps -> {
            ps.setLong(1, allocated);
            ps.setString(2, prefix);
            return ps.executeUpdate();
        });
        return serials;
    }

    private Map<String, String> existing(String roundId, List<String> subjects) {
        Map<String, String> serials = new HashMap<>();
        if (subjects.isEmpty()) {
            return serials;
        }
        sql.list("SELECT subject, serial FROM certificate_serial WHERE round_id = ? AND subject = ANY (?)",
                rs -> new String[]{rs.getString(1), rs.getString(2)}, roundId, subjects.toArray(String[]::new))
                .forEach(row -> serials.put(row[0], row[1]));
        return serials;
    }

    /** 丰宁满族自治县 is 丰宁, 围场满族蒙古族自治县 is 围场, 滦平县 is 滦平; a name without such an ending stays whole. */
    static String shortName(String countyName) {
        String name = countyName == null ? "" : countyName.strip();
        var autonomous = Pattern.compile("^(.{2,}?)(?:\\p{IsHan}{1,3}族)+自治[县旗州]$").matcher(name);
        String shorter = autonomous.matches() ? autonomous.group(1) : name.replaceAll("(?<=.{2})[县市区旗]$", "");
        shorter = shorter.isEmpty() ? name : shorter;
        return shorter.isEmpty() ? "证" : shorter;
    }
}
