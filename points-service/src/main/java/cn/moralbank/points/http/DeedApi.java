package cn.moralbank.points.http;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.deed.DeedPhotos;
import cn.moralbank.points.deed.DeedQueries;
import cn.moralbank.points.deed.DeedReport;
import cn.moralbank.points.deed.DeedReports;
import cn.moralbank.points.deed.DeedView;
import cn.moralbank.points.deed.Photo;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.DeedStatus;
import cn.moralbank.points.deed.api.PhotoId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.rules.RuleId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.*;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * Reporting deeds and bad behaviour (for a county platform or a WeChat mini-program): upload the photos, then report
 * the deed naming them; read a deed, a household's deeds, the village's queue, one's own reports; take a report back.
 * A report is recorded at once; the read models (and so GET) follow within moments.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class DeedApi {
    private final DeedReports reports;
    private final DeedPhotos photos;
    private final DeedQueries queries;

    DeedApi(DeedReports reports, DeedPhotos photos, DeedQueries queries) {
        this.reports = reports;
        this.photos = photos;
        this.queries = queries;
    }

    /**
     * A photo for a later report, as multipart form data: {@code householdId} and {@code file}. Refused when over the
     * size limit or when its bytes are not a JPEG, PNG or WebP image, whatever its name or declared type say.
     */
    @Post(value = "/deeds/photos", consumes = MediaType.MULTIPART_FORM_DATA)
    @Secured({"GRID_WORKER", "VILLAGE_ADMIN", "VILLAGER"})
    HttpResponse<Uploaded> upload(Authentication auth, @Part("householdId") String householdId,
                                  @Part("file") CompletedFileUpload file) {
        PhotoId id = photos.upload(ActorClaims.of(auth), new HouseholdId(householdId), bytes(file));
        return HttpResponse.created(new Uploaded(id.value()), URI.create("/api/deeds/photos/" + id.value()));
    }

    @Get("/deeds/photos/{id}")
    // the photo's own type (JPEG, PNG or WebP, set on each answer), whatever image types the client lists
    @Produces(MediaType.ALL)
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "COMMITTEE_MEMBER", "GRID_WORKER", "VILLAGER"})
    HttpResponse<byte[]> photo(Authentication auth, String id) {
        Photo photo = photos.read(ActorClaims.of(auth), new PhotoId(id));
        // no caching header here: the application's one rule (no-store on everything personal) sets it
        return HttpResponse.ok(photo.data()).contentType(photo.contentType());
    }

    @Post("/deeds")
    @Secured({"GRID_WORKER", "VILLAGE_ADMIN", "VILLAGER"})
    HttpResponse<Reported> report(Authentication auth, @Body @Valid ReportForm form) {
        DeedId id = reports.report(ActorClaims.of(auth), form.report());
        return HttpResponse.created(new Reported(id.value(), DeedStatus.PENDING),
                URI.create("/api/deeds/" + id.value()));
    }

    @Get("/deeds/{id}")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "COMMITTEE_MEMBER", "GRID_WORKER", "VILLAGER"})
    DeedView deed(Authentication auth, String id) {
        return queries.deed(ActorClaims.of(auth), new DeedId(id));
    }

    /** Takes a report back before anyone voted on it: its reporter or the village's administrator. */
    @Post("/deeds/{id}/withdrawal")
    @Secured({"GRID_WORKER", "VILLAGE_ADMIN", "VILLAGER"})
    HttpResponse<?> withdraw(Authentication auth, String id, @Body @Valid Reason reason) {
        reports.withdraw(ActorClaims.of(auth), new DeedId(id), reason.reason());
        return HttpResponse.noContent();
    }

    /**
     * "My deeds": a villager's household's deeds; for a grid worker or an administrator, the deeds they reported.
     */
    @Get("/deeds/mine")
    @Secured({"VILLAGE_ADMIN", "GRID_WORKER", "VILLAGER"})
    List<DeedView> mine(Authentication auth) {
        Actor actor = ActorClaims.of(auth);
        return actor.role() == Role.VILLAGER
                ? queries.ofHousehold(actor, new HouseholdId(actor.householdId()))
                : queries.reportedBy(actor);
    }

    @Get("/households/{id}/deeds")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "COMMITTEE_MEMBER", "GRID_WORKER", "VILLAGER"})
    List<DeedView> ofHousehold(Authentication auth, String id) {
        return queries.ofHousehold(ActorClaims.of(auth), new HouseholdId(id));
    }

    /** The village's deeds in the given statuses ({@code ?status=PENDING&status=POSTED}), all when none given. */
    @Get("/villages/{villageId}/deeds")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "COMMITTEE_MEMBER"})
    List<DeedView> queue(Authentication auth, long villageId, @Nullable @QueryValue List<DeedStatus> status) {
        return queries.reviewQueue(ActorClaims.of(auth), villageId, status);
    }

    static byte[] bytes(CompletedFileUpload file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A report; {@code photos} are ids from /api/deeds/photos, {@code witness} where the rule asks for one. The date
     * and the description are checked by the domain, which names what is missing in the caller's language.
     */
    @Serdeable
    record ReportForm(@NotBlank String householdId, @NotNull @Positive Long ruleId, @Nullable LocalDate deedDate,
                      @Nullable String description, @Nullable @Size(max = 9) List<String> photos,
                      @Nullable @Size(max = 100) String witness) {
        DeedReport report() {
            List<PhotoId> ids = photos == null ? List.of() : photos.stream().map(PhotoId::new).toList();
            return new DeedReport(new HouseholdId(householdId), new RuleId(ruleId), deedDate, description, ids,
                    witness);
        }
    }

    @Serdeable
    record Reported(String deedId, DeedStatus status) {
    }

    @Serdeable
    record Uploaded(String photoId) {
    }

    @Serdeable
    record Reason(@Nullable @Size(max = 500) String reason) {
    }
}
