package cn.moralbank.web.pages.deeds;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.deed.DeedPhotos;
import cn.moralbank.points.deed.Photo;
import cn.moralbank.points.deed.api.PhotoId;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

/** A deed's photo for the pages (the session cookie, not a bearer token), only within the viewer's scope. */
@Controller("/deeds/photos")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "COMMITTEE_MEMBER", "GRID_WORKER", "VILLAGER"})
class PhotoPage {
    private final DeedPhotos photos;

    PhotoPage(DeedPhotos photos) {
        this.photos = photos;
    }

    @Get("/{id}")
    // the photo's own type (JPEG, PNG or WebP, set on each answer), whatever image types the client lists
    @Produces(MediaType.ALL)
    HttpResponse<byte[]> photo(Authentication auth, String id) {
        Photo photo = photos.read(ActorClaims.of(auth), new PhotoId(id));
        // a photo shows a household: the application's one rule (no-store on everything personal) covers it
        return HttpResponse.ok(photo.data()).contentType(photo.contentType());
    }
}
