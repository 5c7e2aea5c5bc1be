package cn.moralbank.points.http;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.ledger.projection.PassbookLine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;

import java.math.BigDecimal;

/**
 * A household's account: its passbook, and the administrator's direct entries (adjustments, vouchers, corrections).
 * Credits from deeds arrive through the review process, not here. The entry id is the caller's: a retry with the
 * same id answers 200 with the first answer; a fresh entry answers 201; a debit the balance cannot cover answers
 * 409 and books nothing.
 */
@Controller("/api/households/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
class LedgerApi {
    private final Households households;
    private final Ledger ledger;
    private final Passbooks passbooks;

    LedgerApi(Households households, Ledger ledger, Passbooks passbooks) {
        this.households = households;
        this.ledger = ledger;
        this.passbooks = passbooks;
    }

    @Get("/passbook")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "GRID_WORKER", "COMMITTEE_MEMBER", "VILLAGER"})
    Page<PassbookLine> passbook(Authentication auth, String id, @QueryValue(defaultValue = "0") @Min(0) int page,
                                @QueryValue(defaultValue = "50") @Min(1) @Max(500) int size) {
        HouseholdId household = visible(auth, id);
        return passbooks.passbook(household, page, size);
    }

    @Post("/credits")
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<EntryAnswer> credit(Authentication auth, String id, @Body @Valid Entry entry) {
        HouseholdId household = visible(auth, id);
        return answer(ledger.credit(actor(auth), new CreditCommand(household, new EntryId(entry.entryId()),
                entry.wholePoints(), source(entry, "adjustment"), entry.reason())));
    }

    @Post("/penalties")
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<EntryAnswer> penalise(Authentication auth, String id, @Body @Valid Entry entry) {
        HouseholdId household = visible(auth, id);
        return answer(ledger.penalise(actor(auth), new PenaliseCommand(household, new EntryId(entry.entryId()),
                entry.wholePoints(), source(entry, "adjustment"), entry.reason())));
    }

    @Post("/debits")
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<EntryAnswer> debit(Authentication auth, String id, @Body @Valid Entry entry) {
        HouseholdId household = visible(auth, id);
        EntryResult result = ledger.debit(actor(auth), new DebitCommand(household, new EntryId(entry.entryId()),
                entry.wholePoints(), source(entry, "adjustment"), entry.reason()));
        if (!result.applied()) {
            throw new LedgerRefusal("ledger.debit.insufficient", entry.wholePoints(), result.balanceAfter());
        }
        return answer(result);
    }

    @Post("/reversals")
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<EntryAnswer> reverse(Authentication auth, String id, @Body @Valid Reversal reversal) {
        HouseholdId household = visible(auth, id);
        return answer(ledger.reverse(actor(auth), new ReverseCommand(household, new EntryId(reversal.entryId()),
                new EntryId(reversal.originalEntryId()), reversal.reason())));
    }

    private HouseholdId visible(Authentication auth, String id) {
        return households.visible(actor(auth), new HouseholdId(id)).householdId();
    }

    private static Actor actor(Authentication auth) {
        return ActorClaims.of(auth);
    }

    private static HttpResponse<EntryAnswer> answer(EntryResult result) {
        return HttpResponse.status(result.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(EntryAnswer.of(result));
    }

    private static String source(Entry entry, String fallback) {
        return entry.source() == null || entry.source().isBlank() ? fallback : entry.source();
    }

    /**
     * The id of an entry sent through the API: no colon, the separator of the ids the ledger's own flows book under
     * (voucher:, checkout:, refund:, transfer:, carry:), so a manual entry can never take the id a voucher, a checkout
     * or a transfer will book under and turn its "once per id" against it.
     */
    static final String MANUAL_ENTRY_ID = "[A-Za-z0-9._-]{1,100}";

    /**
     * Points are whole numbers: read as a decimal so that 1.5 is refused (400) rather than quietly cut to 1, and a
     * string or a number beyond six digits is malformed.
     */
    @Serdeable
    record Entry(@NotBlank @Pattern(regexp = MANUAL_ENTRY_ID) String entryId,
                 @NotNull @Positive @Digits(integer = 6, fraction = 0) @DecimalMax("100000") BigDecimal points,
                 @NotBlank @Size(max = 200) String reason,
                 @Nullable @Size(max = 100) String source) {
        long wholePoints() {
            return points.longValueExact();
        }
    }

    /** What the ledger answered, as JSON. */
    @Serdeable
    record EntryAnswer(String entryId, EntryResult.Outcome outcome, long points, long balanceAfter,
                       boolean repeated) {
        static EntryAnswer of(EntryResult r) {
            return new EntryAnswer(r.entryId().value(), r.outcome(), r.points(), r.balanceAfter(), r.repeated());
        }
    }

    @Serdeable
    record Reversal(@NotBlank @Pattern(regexp = MANUAL_ENTRY_ID) String entryId,
                    @NotBlank @Pattern(regexp = "[A-Za-z0-9:._-]{1,100}") String originalEntryId,
                    @NotBlank @Size(max = 200) String reason) {
    }
}
