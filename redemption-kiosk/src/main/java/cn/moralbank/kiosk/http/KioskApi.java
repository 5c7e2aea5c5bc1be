package cn.moralbank.kiosk.http;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.checkout.CardPins;
import cn.moralbank.kiosk.checkout.CheckoutRequest;
import cn.moralbank.kiosk.checkout.CheckoutResult;
import cn.moralbank.kiosk.checkout.CheckoutOutcomes;
import cn.moralbank.kiosk.checkout.Checkouts;
import cn.moralbank.kiosk.checkout.Receipts;
import cn.moralbank.kiosk.stock.Stock;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Tills;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.ledger.projection.AccountBalance;
import cn.moralbank.points.voucher.VoucherView;
import cn.moralbank.points.voucher.Vouchers;
import cn.moralbank.points.voucher.api.VoucherStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The kiosk's JSON API, for the kiosk page and for a third-party point of sale signed in as the supermarket's kiosk
 * (or its operator). Refusals answer problem+json with a stable {@code code} and a message in the caller's
 * language: 422 for the business's refusals, 404 for an unknown card, voucher or product, 403 outside the
 * supermarket.
 */
@Controller("/api/kiosk")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"KIOSK", "SUPERMARKET_OPERATOR"})
class KioskApi {
    private final Tills tills;
    private final CardPins pins;
    private final Passbooks passbooks;
    private final Stock stock;
    private final Vouchers vouchers;
    private final Checkouts checkouts;
    private final Receipts receipts;
    private final CheckoutOutcomes outcomes;

    KioskApi(Tills tills, CardPins pins, Passbooks passbooks, Stock stock, Vouchers vouchers, Checkouts checkouts,
             Receipts receipts, CheckoutOutcomes outcomes) {
        this.tills = tills;
        this.pins = pins;
        this.passbooks = passbooks;
        this.stock = stock;
        this.vouchers = vouchers;
        this.checkouts = checkouts;
        this.receipts = receipts;
        this.outcomes = outcomes;
    }

    /** Step one: the household card and PIN; answers the household, its balance, and the goods on offer. */
    @Post("/session")
    Session session(Authentication auth, @Body Card card) {
        Actor actor = ActorClaims.of(auth);
        Supermarket shop = tills.of(actor);
        Household household = pins.verify(actor, card.cardNumber(), card.pin());
        long balance = passbooks.balance(household.householdId()).map(AccountBalance::balance).orElse(0L);
        return new Session(household.headName(), Receipts.mask(household.cardNumber()), balance, shop.name(),
                offers(shop));
    }

    /**
     * Before the PIN: whether this card can be used here at all (unknown, another village's, moved away, no PIN
     * set, locked are refused with their own message); answers the masked card number for the PIN screen.
     */
    @Post("/cards")
    CardCheck card(Authentication auth, @Body Card card) {
        Actor actor = ActorClaims.of(auth);
        tills.of(actor);
        Household household = pins.cardForPin(actor, card.cardNumber());
        return new CardCheck(Receipts.mask(household.cardNumber()));
    }

    @Get("/products")
    List<ProductOffer> products(Authentication auth) {
        return offers(tills.of(ActorClaims.of(auth)));
    }

    /** A scanned voucher: its value and whether it can pay; a forged code or another county's is refused. */
    @Get("/vouchers/{code}")
    VoucherCheck voucher(Authentication auth, String code) {
        Actor actor = ActorClaims.of(auth);
        tills.of(actor);
        VoucherView view = vouchers.check(actor, code);
        return new VoucherCheck(view.serial(), view.points(), view.status(), view.spendable());
    }

    /** 201 for a new checkout; 200 with {@code repeated: true} for a retry of one already finished. */
    @Post("/checkouts")
    HttpResponse<CheckoutResult> checkout(Authentication auth, @Body CheckoutRequest request) {
        CheckoutResult result = outcomes.count(() -> checkouts.checkout(ActorClaims.of(auth), request));
        return HttpResponse.status(result.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }

    @Get("/checkouts/{id}")
    CheckoutResult result(Authentication auth, String id) {
        return receipts.result(ActorClaims.of(auth), new CheckoutId(id));
    }

    private List<ProductOffer> offers(Supermarket shop) {
        return stock.rows(shop.supermarketId()).stream().filter(r -> r.product().active())
                .map(ProductOffer::of).toList();
    }

    @Serdeable
    record Card(@Nullable String cardNumber, @Nullable String pin) {
    }

    @Serdeable
    record Session(String householdName, String maskedCard, long balance, String supermarketName,
                   List<ProductOffer> products) {
    }

    @Serdeable
    record CardCheck(String maskedCard) {
    }

    @Serdeable
    record VoucherCheck(String serial, long points, VoucherStatus status, boolean usable) {
    }
}
