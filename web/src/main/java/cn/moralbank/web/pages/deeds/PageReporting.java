package cn.moralbank.web.pages.deeds;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.deed.DeedPhotos;
import cn.moralbank.points.deed.DeedReport;
import cn.moralbank.points.deed.DeedReports;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.PhotoId;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * The report form sends the photo and the report together. Both are kept in one transaction, so a report refused
 * for its rule, date or limit leaves no orphaned photo behind: a refusal changes nothing.
 */
@Singleton
class PageReporting {
    private final DeedPhotos photos;
    private final DeedReports reports;

    PageReporting(DeedPhotos photos, DeedReports reports) {
        this.photos = photos;
        this.reports = reports;
    }

    @Transactional
    DeedId report(Actor actor, DeedReport report, @Nullable byte[] photo) {
        List<PhotoId> attached = photo == null ? List.of()
                : List.of(photos.upload(actor, report.householdId(), photo));
        return reports.report(actor, new DeedReport(report.householdId(), report.ruleId(), report.deedDate(),
                report.description(), attached, report.witness()));
    }
}
