package cn.moralbank.web.pages.dashboard;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.ranking.Rankings;
import cn.moralbank.points.report.ReportData;
import cn.moralbank.points.report.ReportView;
import cn.moralbank.points.report.Reports;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.View;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports (周报 / 月报 / 季报 / 年报): the history of the region's reports, made on schedule or on demand; a report
 * printed (A4) or downloaded as xlsx.
 */
@Controller("/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"CITY_OFFICE", "COUNTY_OFFICE", "TOWNSHIP_OFFICER"})
class ReportPages {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final Reports reports;
    private final Rankings rankings;

    ReportPages(Reports reports, Rankings rankings) {
        this.reports = reports;
        this.rankings = rankings;
    }

    @Get
    @View("dashboard/reports")
    @Produces(MediaType.TEXT_HTML)
    Map<String, Object> history(Authentication auth) {
        Actor actor = ActorClaims.of(auth);
        Map<String, Object> model = new HashMap<>();
        model.put("reports", reports.history(actor));
        Period lastMonth = Period.of(PeriodKind.MONTH, rankings.today()).previous();
        model.put("suggestions", List.of(
                Period.of(PeriodKind.WEEK, rankings.today()).previous().key(), lastMonth.key(),
                Period.of(PeriodKind.QUARTER, rankings.today()).previous().key(),
                Period.of(PeriodKind.YEAR, rankings.today()).previous().key(),
                Period.of(PeriodKind.MONTH, rankings.today()).key()));
        model.put("defaultPeriod", lastMonth.key());
        return model;
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> generate(Authentication auth, @Body Map<String, String> form) {
        ReportView report = reports.generate(ActorClaims.of(auth), Forms.text(form, "period"));
        return HttpResponse.seeOther(URI.create("/reports/" + report.id()));
    }

    @Get("/{id}")
    @View("dashboard/report")
    @Produces(MediaType.TEXT_HTML)
    Map<String, Object> print(Authentication auth, long id) {
        ReportData data = reports.data(ActorClaims.of(auth), id);
        Map<String, Object> model = new HashMap<>();
        model.put("id", id);
        model.put("report", data);
        model.put("participation", String.format("%.1f", data.totals().participation() * 100));
        return model;
    }

    @Get("/{id}/xlsx")
    @Produces(XLSX)
    HttpResponse<byte[]> xlsx(Authentication auth, long id) {
        Actor actor = ActorClaims.of(auth);
        byte[] file = reports.xlsx(actor, id);
        String name = URLEncoder.encode(reports.fileName(actor, id), StandardCharsets.UTF_8).replace("+", "%20");
        return HttpResponse.ok(file).contentType(XLSX)
                .header("Content-Disposition", "attachment; filename=\"report-" + id + ".xlsx\"; filename*=UTF-8''" + name);
    }
}
