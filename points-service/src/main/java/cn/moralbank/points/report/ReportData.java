package cn.moralbank.points.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The figures of one report, as generated: kept as they were, so the workbook and the printed page agree however
 * long after they are opened. {@code lastDay} is the period's last day; {@code colour} is GREEN, YELLOW or RED.
 */
@Serdeable
public record ReportData(String regionCode, String regionName, String level, ReportKind kind, String period,
                         LocalDate firstDay, LocalDate lastDay, Instant generatedAt, int redBelowPct,
                         int yellowBelowPct, Totals totals, List<RegionLine> children, List<RegionLine> villages,
                         List<HouseholdLine> households, @Nullable String workersRound, List<WorkerLine> workers) {

    @Serdeable
    public record Totals(int households, int participants, double participation, long earned, long credited,
                         long penalised, long redeemed, int deeds, List<Integer> deedsByCategory) {
    }

    @Serdeable
    public record RegionLine(int rank, String parent, String name, int households, int participants,
                             double participation, long earned, double perHousehold, long redeemed, int deeds,
                             String colour) {
    }

    @Serdeable
    public record HouseholdLine(int rank, String cardNumber, String headName, String village, long earned,
                                int deeds) {
    }

    @Serdeable
    public record WorkerLine(String worker, String name, String grid, int score, int stars, boolean flagged) {
    }
}
