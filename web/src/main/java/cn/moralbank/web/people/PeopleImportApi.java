package cn.moralbank.web.people;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.people.PeopleImport;
import cn.moralbank.web.error.UploadNames;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.util.List;

/** The people import as JSON: the preview with every refused row, then all or nothing (problem+json refusals). */
@Controller("/api/people/import")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"CITY_OFFICE", "COUNTY_OFFICE", "VILLAGE_ADMIN"})
class PeopleImportApi {
    private final PeopleImport imports;
    private final PeopleImportPages pages;

    PeopleImportApi(PeopleImport imports, PeopleImportPages pages) {
        this.imports = imports;
        this.pages = pages;
    }

    /** The preview: every row and every problem; importable only without any. */
    @Serdeable
    record Report(String fileName, boolean importable, List<PeopleImport.Row> rows,
                  List<PeopleImportPages.Problem> problems) {
    }

    /** The people added with their temporary passwords, shown this once. */
    @Serdeable
    record Imported(int imported, List<PeopleImport.Added> people) {
    }

    @Post(value = "/preview", consumes = MediaType.MULTIPART_FORM_DATA)
    Report preview(HttpRequest<?> request, Authentication auth, @Part("file") CompletedFileUpload file)
            throws IOException {
        PeopleImport.Preview preview = imports.preview(ActorClaims.of(auth), UploadNames.of(file), file.getBytes());
        return new Report(preview.fileName(), preview.importable(), preview.rows(), pages.problems(preview, request));
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<Imported> importFile(Authentication auth, @Part("file") CompletedFileUpload file)
            throws IOException {
        List<PeopleImport.Added> added = imports.importAll(ActorClaims.of(auth), UploadNames.of(file),
                file.getBytes());
        return HttpResponse.created(new Imported(added.size(), added));
    }
}
