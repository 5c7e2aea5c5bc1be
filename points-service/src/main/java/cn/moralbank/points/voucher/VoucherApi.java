package cn.moralbank.points.voucher;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.voucher.api.VoucherSerial;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Vouchers over JSON: the administrator issues them to a household (201; the same batch id again answers 200 with
 * the same vouchers) and voids an unspent one; the offices read them within their scope.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class VoucherApi {
    private final Vouchers vouchers;

    VoucherApi(Vouchers vouchers) {
        this.vouchers = vouchers;
    }

    @Post("/households/{id}/vouchers")
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<IssuedVouchers> issue(Authentication auth, String id, @Body @Valid IssueForm form) {
        IssuedVouchers issued = vouchers.issue(ActorClaims.of(auth), new HouseholdId(id), form.denominations(),
                form.batchId());
        // the same form sent again, or several times at once: only the call that claimed its batch says Created
        return HttpResponse.status(issued.batchClaimedNow() ? HttpStatus.CREATED : HttpStatus.OK).body(issued);
    }

    @Get("/households/{id}/vouchers")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "VILLAGER"})
    List<VoucherView> ofHousehold(Authentication auth, String id) {
        return vouchers.ofHousehold(ActorClaims.of(auth), new HouseholdId(id));
    }

    @Get("/vouchers/{serial}")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN"})
    VoucherView get(Authentication auth, String serial) {
        return vouchers.visible(ActorClaims.of(auth), new VoucherSerial(serial));
    }

    @Post("/vouchers/{serial}/void")
    @Secured({"VILLAGE_ADMIN"})
    VoucherView voidVoucher(Authentication auth, String serial, @Body @Valid VoidForm form) {
        return vouchers.voidVoucher(ActorClaims.of(auth), new VoucherSerial(serial), form.reason());
    }

    @Serdeable
    record IssueForm(@NotBlank @Pattern(regexp = "[A-Za-z0-9-]{8,64}") String batchId,
                     @NotNull @NotEmpty @Size(max = 50) List<Long> denominations) {
    }

    @Serdeable
    record VoidForm(@NotBlank @Size(max = 200) String reason) {
    }
}
