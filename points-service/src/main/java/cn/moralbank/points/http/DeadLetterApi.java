package cn.moralbank.points.http;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.infra.axon.DeadLetterQueues;
import cn.moralbank.points.infra.axon.DeadLetterView;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/**
 * The projections' dead letters, for the county office (docs/operations.md, "Dead letters"): the parked events of its
 * county, and retry / evict, each audited. Another county's letter answers 403, an unknown one 404.
 */
@Controller("/api/ops/dead-letters")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE"})
class DeadLetterApi {
    static final String LETTER_ID = "[A-Za-z0-9-]{1,64}";
    private final DeadLetterQueues deadLetters;

    DeadLetterApi(DeadLetterQueues deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The first parked event of each parked aggregate, oldest first, with how many wait behind it. */
    @Get
    List<DeadLetterView> list(Authentication auth) {
        return deadLetters.list(ActorClaims.of(auth));
    }

    /** Handles the letter's aggregate's parked events again, in order; the answer says how it ended. */
    @Post("/{id}/retry")
    DeadLetterQueues.Result retry(Authentication auth, @Pattern(regexp = LETTER_ID) String id) {
        return deadLetters.retry(ActorClaims.of(auth), id);
    }

    /** Drops the letter from the queue for good; its aggregate's later parked events stay parked. */
    @Post("/{id}/evict")
    DeadLetterQueues.Result evict(Authentication auth, @Pattern(regexp = LETTER_ID) String id) {
        return deadLetters.evict(ActorClaims.of(auth), id);
    }
}
