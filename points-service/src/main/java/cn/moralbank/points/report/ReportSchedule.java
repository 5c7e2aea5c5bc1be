package cn.moralbank.points.report;

import cn.moralbank.points.common.TransactionLocks;
import cn.moralbank.points.common.Transactions;
import cn.moralbank.points.household.CountySetting;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.RegionRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The weekly, monthly, quarterly and yearly reports of every county, for the last period of each kind that has
 * ended. Restart-safe by asking rather than remembering: each run looks for the reports that should exist and makes
 * those that do not (so a node that was down catches up when it comes back). Once across nodes: the run holds a
 * PostgreSQL advisory lock, and a unique index allows one scheduled report per county, kind and period.
 */
@Singleton
public class ReportSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(ReportSchedule.class);
    /** The advisory lock's key: "reports" in ASCII. */
    static final long LOCK_KEY = 0x7265706f727473L;

    private final Transactions transactions;
    private final TransactionLocks locks;
    private final RegionRepository regions;
    private final Reports reports;
    private final Clock clock;
    private final CountySettings settings;

    ReportSchedule(Transactions transactions, TransactionLocks locks, RegionRepository regions,
                   Reports reports, Clock clock, CountySettings settings) {
        this.settings = settings;
        this.transactions = transactions;
        this.locks = locks;
        this.regions = regions;
        this.reports = reports;
        this.clock = clock;
    }

    /** Makes the reports that are due; answers how many this run made (0 when another node holds the run). */
    public int runDue() {
        return transactions.write(() -> {
            if (!locks.tryHold(LOCK_KEY)) {
                return 0;
            }
            LocalDate today = LocalDate.now(clock);
            int made = 0;
            for (Region county : regions.findByLevelAndPathLikeOrderByCode(RegionLevel.COUNTY, "%")) {
                for (PeriodKind kind : scheduled(county)) {
                    Period last = Period.of(kind, today).previous();
                    if (reports.generateScheduled(county, last)) {
                        LOG.info("report made: {} {} {}", county.name(), ReportKind.of(kind), last.key());
                        made++;
                    }
                }
            }
            return made;
        });
    }

    /** The kinds of report the county's office asked for on its settings page; all four when it never chose. */
    private List<PeriodKind> scheduled(Region county) {
        List<PeriodKind> all = List.of(PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR);
        return settings.current(county, CountySetting.REPORT_SCHEDULE)
                .map(chosen -> all.stream().filter(k -> List.of(chosen.split(",")).contains(k.name())).toList())
                .orElse(all);
    }
}
