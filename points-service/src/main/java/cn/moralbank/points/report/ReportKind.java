package cn.moralbank.points.report;

import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.ranking.PeriodKind;

/** 周报 / 月报 / 季报 / 年报, each over a period of the rankings. */
public enum ReportKind {
    WEEKLY(PeriodKind.WEEK), MONTHLY(PeriodKind.MONTH), QUARTERLY(PeriodKind.QUARTER), YEARLY(PeriodKind.YEAR);

    private final PeriodKind period;

    ReportKind(PeriodKind period) {
        this.period = period;
    }

    public PeriodKind period() {
        return period;
    }

    public static ReportKind of(PeriodKind kind) {
        for (ReportKind k : values()) {
            if (k.period == kind) {
                return k;
            }
        }
        throw new BadInput("report.period.unsupported", kind.name());
    }
}
