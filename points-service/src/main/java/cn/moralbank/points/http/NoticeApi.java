package cn.moralbank.points.http;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.deed.NoticeBoard;
import cn.moralbank.points.deed.NoticeItem;
import cn.moralbank.points.deed.api.DeedId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

import java.util.List;

/**
 * The village's notice board (公示栏): what the committee approved, until each objection period ends; and objections
 * (异议), which anyone of the village may lodge while the period runs and which send the deed back to review.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class NoticeApi {
    private final NoticeBoard board;

    NoticeApi(NoticeBoard board) {
        this.board = board;
    }

    @Get("/villages/{villageId}/notice-board")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "COMMITTEE_MEMBER", "GRID_WORKER", "VILLAGER"})
    List<NoticeItem> list(Authentication auth, @Positive long villageId) {
        // a notice board is read by every villager: card numbers (with the PIN, what a kiosk asks) only masked
        return board.list(ActorClaims.of(auth), villageId).stream().map(NoticeItem::withCardMasked).toList();
    }

    @Post("/deeds/{id}/objections")
    @Secured({"VILLAGE_ADMIN", "COMMITTEE_MEMBER", "GRID_WORKER", "VILLAGER"})
    HttpResponse<?> object(Authentication auth, String id, @Body @Valid Objection objection) {
        board.object(ActorClaims.of(auth), new DeedId(id), objection.reason());
        return HttpResponse.noContent();
    }

    /** The reason is required; the notice board names it when it is missing. */
    @Serdeable
    record Objection(@Nullable String reason) {
    }
}
