package cn.moralbank.web.households;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.household.HouseholdExport;
import cn.moralbank.points.household.HouseholdImport;
import cn.moralbank.web.error.UploadNames;
import cn.moralbank.web.i18n.Messages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Household registry files for API clients: preview an import (every bad row listed), import (all rows or none),
 * export as CSV or xlsx in the same columns.
 */
@Controller("/api/households")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN"})
class HouseholdFilesApi {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final HouseholdImport imports;
    private final HouseholdExport exports;
    private final Messages messages;

    HouseholdFilesApi(HouseholdImport imports, HouseholdExport exports, Messages messages) {
        this.imports = imports;
        this.exports = exports;
        this.messages = messages;
    }

    @Post(value = "/import/preview", consumes = MediaType.MULTIPART_FORM_DATA)
    ImportReport preview(HttpRequest<?> request, Authentication auth, @Part("file") CompletedFileUpload file)
            throws IOException {
        return ImportReport.of(imports.preview(ActorClaims.of(auth), UploadNames.of(file), file.getBytes()), messages,
                request);
    }

    @Post(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<Imported> importFile(Authentication auth, @Part("file") CompletedFileUpload file)
            throws IOException {
        HouseholdImport.Imported done = imports.importFile(ActorClaims.of(auth),
                UploadNames.of(file), file.getBytes());
        return HttpResponse.created(new Imported(done.households().size(), done.registeredNow(), done.before()));
    }

    @Get(value = "/export.csv", produces = "text/csv")
    HttpResponse<byte[]> exportCsv(Authentication auth) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.writeCsv(ActorClaims.of(auth), out);
        return download(out.toByteArray(), "households.csv", "text/csv; charset=UTF-8");
    }

    @Get(value = "/export.xlsx", produces = XLSX)
    HttpResponse<byte[]> exportXlsx(Authentication auth) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.writeXlsx(ActorClaims.of(auth), out);
        return download(out.toByteArray(), "households.xlsx", XLSX);
    }

    static HttpResponse<byte[]> download(byte[] content, String fileName, String type) {
        return HttpResponse.ok(content).contentType(type)
                .headers(Map.of("Content-Disposition", "attachment; filename=\"" + fileName + "\""));
    }

    @Serdeable
    /** The file's households registered now in all; by this upload; by an earlier upload of the same file. */
    record Imported(int imported, int registeredNow, int alreadyImported) {
    }
}
