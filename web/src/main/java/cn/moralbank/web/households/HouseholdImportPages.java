package cn.moralbank.web.households;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.household.HouseholdImport;
import cn.moralbank.web.error.UploadNames;
import cn.moralbank.web.error.UploadedContent;
import cn.moralbank.web.i18n.Messages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.View;

import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.Map;

/**
 * Import pages: upload a CSV or xlsx, read the preview (every bad row with its reason), then confirm. The confirm
 * form carries the file back (base64) and the server checks it again in full: nothing is trusted from the preview.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/households/import")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN"})
class HouseholdImportPages {
    private final HouseholdImport imports;
    private final Messages messages;

    HouseholdImportPages(HouseholdImport imports, Messages messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @Get
    @View("households/import")
    Map<String, Object> form() {
        return Map.of();
    }

    @Post(value = "/preview", consumes = MediaType.MULTIPART_FORM_DATA)
    @View("households/import-preview")
    Map<String, Object> preview(HttpRequest<?> request, Authentication auth, @Part("file") CompletedFileUpload file)
            throws IOException {
        byte[] content = file.getBytes();
        ImportReport report = ImportReport.of(imports.preview(ActorClaims.of(auth), UploadNames.of(file), content),
                messages, request);
        return Map.of("report", report, "content", Base64.getEncoder().encodeToString(content));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> confirm(Authentication auth, @Body Map<String, String> form) {
        byte[] content = UploadedContent.of(form.get("content"));
        HouseholdImport.Imported done = imports.importFile(ActorClaims.of(auth), form.getOrDefault("fileName", ""),
                content);
        return HttpResponse.seeOther(URI.create("/households?imported=" + done.registeredNow()
                + (done.before() > 0 ? "&before=" + done.before() : "")));
    }
}
