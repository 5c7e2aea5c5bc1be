package cn.moralbank.web.golive;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.SaneDate;
import cn.moralbank.points.common.WholeNumber;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionAdmin;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.regionimport.RegionImport;
import cn.moralbank.web.error.UploadNames;
import cn.moralbank.web.error.UploadedContent;
import cn.moralbank.web.i18n.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.time.Clock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 区划: the city or county office's region tree, one level at a time: add below, rename, retire, merge a village
 * into another (合村并居), and import a tree from xlsx/CSV (preview, then all or nothing; the confirm form carries
 * the file back and the server checks it again in full).
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/regions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"CITY_OFFICE", "COUNTY_OFFICE"})
class RegionPages {
    private final Regions regions;
    private final RegionAdmin admin;
    private final RegionImport imports;
    private final Messages messages;

    private final Clock clock;

    RegionPages(Regions regions, RegionAdmin admin, RegionImport imports, Messages messages, Clock clock) {
        this.clock = clock;
        this.regions = regions;
        this.admin = admin;
        this.imports = imports;
        this.messages = messages;
    }

    @Get
    ModelAndView<Map<String, Object>> tree(Authentication auth, @Nullable @QueryValue Long region,
                                           @Nullable @QueryValue String done) {
        Actor actor = ActorClaims.of(auth);
        Region shown = regions.visible(actor, region == null ? regions.byPath(actor.regionPath()).id() : region);
        Map<String, Object> model = new HashMap<>();
        model.put("region", shown);
        model.put("lineage", regions.lineage(shown).stream().filter(r -> actor.covers(r.path())).toList());
        List<Region> children = regions.children(shown);
        model.put("children", children);
        model.put("retired", children.stream().filter(admin::retired).map(Region::id).toList());
        model.put("shownRetired", admin.retired(shown));
        RegionLevel childLevel = shown.level().childLevel();
        model.put("childLevel", childLevel == null ? "" : childLevel.name());
        model.put("mayAdd", childLevel != null && (childLevel != RegionLevel.COUNTY || actor.role().name().equals("CITY_OFFICE")));
        model.put("villages", shown.level() == RegionLevel.VILLAGE
                ? regions.within(actor, RegionLevel.VILLAGE).stream()
                    .filter(v -> !v.id().equals(shown.id()) && !admin.retired(v)).toList() : List.of());
        model.put("merges", admin.merges(actor));
        model.put("today", LocalDate.now(clock));
        model.put("done", done);
        return new ModelAndView<>("golive/regions", model);
    }

    @Post(value = "/{id}/children", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> add(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                        @Body Map<String, String> form) {
        Region added = admin.add(ActorClaims.of(auth), id, form.getOrDefault("code", ""), form.getOrDefault("name", ""));
        return back(id, messages.get(request, "regions.add.done", added.name(), added.code()));
    }

    @Post(value = "/{id}/rename", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> rename(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                           @Body Map<String, String> form) {
        Region renamed = admin.rename(ActorClaims.of(auth), id, form.getOrDefault("name", ""));
        return back(id, messages.get(request, "regions.rename.done", renamed.name()));
    }

    @Post(value = "/{id}/retire", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> retire(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Region region = regions.get(id);
        admin.retire(ActorClaims.of(auth), id);
        return back(region.parentId() == null ? id : region.parentId(),
                messages.get(request, "regions.retire.done", region.name()));
    }

    @Post(value = "/{id}/merge", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> merge(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                          @Body Map<String, String> form) {
        long into;
        LocalDate on;
        try {
            into = WholeNumber.parse(form.getOrDefault("into", ""));
            String date = form.getOrDefault("on", "").strip();
            on = date.isEmpty() ? null : SaneDate.parse(date);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new BadInput("region.merge.not-villages", form.getOrDefault("into", ""), form.getOrDefault("on", ""));
        }
        RegionAdmin.Merge merge = admin.merge(ActorClaims.of(auth), id, into, on);
        return back(into, messages.get(request, "regions.merge.done", merge.fromName(), merge.intoName(),
                merge.grids(), merge.households()));
    }

    @Get("/import")
    ModelAndView<Map<String, Object>> importForm() {
        return new ModelAndView<>("golive/regions-import", Map.of());
    }

    @Post(value = "/import/preview", consumes = MediaType.MULTIPART_FORM_DATA)
    ModelAndView<Map<String, Object>> preview(HttpRequest<?> request, Authentication auth,
                                              @Part("file") CompletedFileUpload file) throws IOException {
        byte[] content = file.getBytes();
        RegionImport.Preview preview = imports.preview(ActorClaims.of(auth), UploadNames.of(file), content);
        Map<String, Object> model = new HashMap<>();
        model.put("preview", preview);
        model.put("problems", preview.problems().stream().map(p -> Map.of("line", p.line(),
                "message", messages.get(request, p.code(), p.arguments()))).toList());
        model.put("counts", preview.counts().entrySet().stream().map(e -> Map.of("level", e.getKey().name(),
                "count", e.getValue())).toList());
        model.put("content", Base64.getEncoder().encodeToString(content));
        return new ModelAndView<>("golive/regions-preview", model);
    }

    @Post(value = "/import", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> confirm(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        Actor actor = ActorClaims.of(auth);
        byte[] content = UploadedContent.of(form.get("content"));
        int count = imports.importAll(actor, form.getOrDefault("fileName", ""), content).size();
        return back(regions.byPath(actor.regionPath()).id(), messages.get(request, "regions.import.done", count));
    }

    private static HttpResponse<?> back(long region, String done) {
        return HttpResponse.seeOther(URI.create("/regions?region=" + region + "&done="
                + URLEncoder.encode(done, StandardCharsets.UTF_8)));
    }
}
