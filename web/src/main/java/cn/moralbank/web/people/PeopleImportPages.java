package cn.moralbank.web.people;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.people.PeopleImport;
import cn.moralbank.web.error.UploadNames;
import cn.moralbank.web.error.UploadedContent;
import cn.moralbank.web.i18n.Messages;
import io.micronaut.http.HttpRequest;
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
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 人员批量导入: upload an xlsx or CSV of people, see every refused row with its reason, then import all of them or
 * none (the confirm form carries the file back; the server checks it again in full). The answer is the printable
 * list of temporary passwords, one sealed slip each, shown this once. The same on the API, as JSON.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/people/import")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"CITY_OFFICE", "COUNTY_OFFICE", "VILLAGE_ADMIN"})
class PeopleImportPages {
    private final PeopleImport imports;
    private final Messages messages;

    PeopleImportPages(PeopleImport imports, Messages messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @Get
    ModelAndView<Map<String, Object>> form() {
        return new ModelAndView<>("people/import", Map.of());
    }

    @Post(value = "/preview", consumes = MediaType.MULTIPART_FORM_DATA)
    ModelAndView<Map<String, Object>> preview(HttpRequest<?> request, Authentication auth,
                                              @Part("file") CompletedFileUpload file) throws IOException {
        byte[] content = file.getBytes();
        PeopleImport.Preview preview = imports.preview(ActorClaims.of(auth), UploadNames.of(file), content);
        Map<String, Object> model = new HashMap<>();
        model.put("preview", preview);
        model.put("problems", problems(preview, request));
        model.put("content", Base64.getEncoder().encodeToString(content));
        return new ModelAndView<>("people/import-preview", model);
    }

    /** Imports the file; answers the sealed-slip list of temporary passwords (print it, hand each out sealed). */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    ModelAndView<Map<String, Object>> confirm(Authentication auth, @Body Map<String, String> form) {
        byte[] content = UploadedContent.of(form.get("content"));
        List<PeopleImport.Added> added = imports.importAll(ActorClaims.of(auth), form.getOrDefault("fileName", ""),
                content);
        return new ModelAndView<>("print/people-passwords", Map.of("added", added, "count", added.size()));
    }

    List<Problem> problems(PeopleImport.Preview preview, HttpRequest<?> request) {
        return preview.problems().stream().map(p -> new Problem(p.line(), p.code(),
                messages.get(request, p.code(), p.arguments()))).toList();
    }

    /** A refused row: its number as the spreadsheet shows it, and why, in the reader's language. */
    @Serdeable
    record Problem(int line, String code, String message) {
    }
}
