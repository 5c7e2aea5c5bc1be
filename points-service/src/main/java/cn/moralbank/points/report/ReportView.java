package cn.moralbank.points.report;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A generated report in the history: what, for which period, when, by whom (the schedule or a person). */
@Serdeable
public record ReportView(long id, long regionId, String regionName, ReportKind kind, String period, boolean scheduled,
                         String generatedBy, Instant generatedAt) {
}
