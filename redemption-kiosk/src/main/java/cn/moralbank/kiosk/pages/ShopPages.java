package cn.moralbank.kiosk.pages;

import cn.moralbank.kiosk.api.AdjustmentKind;
import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.api.DonorKind;
import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.api.ProductId;
import cn.moralbank.kiosk.checkout.CheckoutResult;
import cn.moralbank.kiosk.checkout.Refunds;
import cn.moralbank.kiosk.product.NewProduct;
import cn.moralbank.kiosk.product.Pictures;
import cn.moralbank.kiosk.product.Product;
import cn.moralbank.kiosk.product.Products;
import cn.moralbank.kiosk.sales.Sales;
import cn.moralbank.kiosk.stock.DonationForm;
import cn.moralbank.kiosk.stock.Stock;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Tills;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.SaneDate;
import cn.moralbank.points.common.WholeNumber;
import cn.moralbank.points.ledger.api.MalformedId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.*;
import java.util.function.Supplier;

/**
 * The supermarket operator's pages: stock and adjustments, products and prices, donations in, the day's sales,
 * refunds, and the printable end-of-day report. A refused form comes back with the reason beside it and what was
 * typed kept; a saved form redirects, so reloading the page never sends it twice (and every form carries its own
 * id besides, for the double click).
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/shop")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"SUPERMARKET_OPERATOR"})
class ShopPages {
    private final Tills tills;
    private final Products products;
    private final Stock stock;
    private final Sales sales;
    private final Refunds refunds;
    private final PageMessages messages;
    private final Clock clock;

    ShopPages(Tills tills, Products products, Stock stock, Sales sales, Refunds refunds, PageMessages messages,
              Clock clock) {
        this.tills = tills;
        this.products = products;
        this.stock = stock;
        this.sales = sales;
        this.refunds = refunds;
        this.messages = messages;
        this.clock = clock;
    }

    @Get
    ModelAndView<Map<String, Object>> stockPage(Authentication auth, @QueryValue(defaultValue = "") String done) {
        return new ModelAndView<>("shop/stock", stockModel(auth, done));
    }

    private Map<String, Object> stockModel(Authentication auth, String done) {
        Supermarket shop = tills.of(ActorClaims.of(auth));
        Map<String, Object> model = base(shop, "stock", done);
        model.put("rows", stock.rows(shop.supermarketId()));
        model.put("adjustments", stock.adjustments(ActorClaims.of(auth), shop.supermarketId(), 30));
        model.put("kinds", AdjustmentKind.values());
        model.put("formId", UUID.randomUUID().toString());
        return model;
    }

    @Post(value = "/adjustments", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> adjust(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        return saved(request, () -> {
            Actor actor = ActorClaims.of(auth);
            Supermarket shop = tills.of(actor);
            stock.adjust(actor, shop.supermarketId(), form.get("adjustmentId"), number(form.get("productId")),
                    kind(form.get("kind")), number(form.get("quantity")), form.get("reason"));
            return "/shop?done=adjusted";
        }, () -> withForm(stockModel(auth, ""), form), "shop/stock");
    }

    @Get("/products")
    ModelAndView<Map<String, Object>> productsPage(Authentication auth, @QueryValue(defaultValue = "") String done) {
        return new ModelAndView<>("shop/products", productsModel(auth, done));
    }

    private Map<String, Object> productsModel(Authentication auth, String done) {
        Supermarket shop = tills.of(ActorClaims.of(auth));
        Map<String, Object> model = base(shop, "products", done);
        List<Product> list = products.of(shop.supermarketId());
        model.put("products", list);
        Map<Long, Object> history = new HashMap<>();
        for (Product p : list) {
            history.put(p.id(), products.history(p.productId()));
        }
        model.put("history", history);
        model.put("pictures", Pictures.ALL);
        return model;
    }

    @Post(value = "/products", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> addProduct(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        return saved(request, () -> {
            Actor actor = ActorClaims.of(auth);
            products.create(actor, tills.of(actor).supermarketId(), new NewProduct(form.get("name"), form.get("unit"),
                    form.get("picture"), number(form.get("pricePoints")), whole(orZero(form.get("monthlyLimit")))));
            return "/shop/products?done=added";
        }, () -> withForm(productsModel(auth, ""), form), "shop/products");
    }

    @Post(value = "/products/{id}/price", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> changePrice(HttpRequest<?> request, Authentication auth, long id,
                                @Body Map<String, String> form) {
        return saved(request, () -> {
            products.changePrice(ActorClaims.of(auth), new ProductId(id), number(form.get("pricePoints")),
                    form.get("reason"));
            return "/shop/products?done=price";
        }, () -> productsModel(auth, ""), "shop/products");
    }

    @Post(value = "/products/{id}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> updateProduct(HttpRequest<?> request, Authentication auth, long id,
                                  @Body Map<String, String> form) {
        return saved(request, () -> {
            products.update(ActorClaims.of(auth), new ProductId(id), form.get("unit"), form.get("picture"),
                    whole(orZero(form.get("monthlyLimit"))), "on".equals(form.get("active")));
            return "/shop/products?done=updated";
        }, () -> productsModel(auth, ""), "shop/products");
    }

    @Get("/donations")
    ModelAndView<Map<String, Object>> donationsPage(Authentication auth, @QueryValue(defaultValue = "") String done) {
        return new ModelAndView<>("shop/donations", donationsModel(auth, done));
    }

    private Map<String, Object> donationsModel(Authentication auth, String done) {
        Supermarket shop = tills.of(ActorClaims.of(auth));
        Map<String, Object> model = base(shop, "donations", done);
        model.put("products", products.of(shop.supermarketId()).stream().filter(Product::active).toList());
        model.put("donations", stock.donations(shop.supermarketId(), 100));
        model.put("donorKinds", DonorKind.values());
        model.put("formId", UUID.randomUUID().toString());
        model.put("today", LocalDate.now(clock));
        return model;
    }

    /** The donation form has one row per product of the shop; rows left at zero are not part of the donation. */
    @Post(value = "/donations", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> donate(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        return saved(request, () -> {
            Actor actor = ActorClaims.of(auth);
            Supermarket shop = tills.of(actor);
            List<DonationForm.Line> lines = new ArrayList<>();
            for (Product p : products.of(shop.supermarketId())) {
                long quantity = number(orZero(form.get("qty-" + p.id())));
                if (quantity != 0) {
                    lines.add(new DonationForm.Line(p.id(), quantity, form.get("value-" + p.id())));
                }
            }
            stock.donate(actor, shop.supermarketId(), new DonationForm(form.get("donationId"), form.get("donor"),
                    donorKind(form.get("donorKind")), date(form.get("receivedOn")), lines, form.get("note")));
            return "/shop/donations?done=donated";
        }, () -> withForm(donationsModel(auth, ""), form), "shop/donations");
    }

    @Get("/sales")
    ModelAndView<Map<String, Object>> salesPage(Authentication auth, @Nullable @QueryValue String date,
                                                @QueryValue(defaultValue = "") String done) {
        return new ModelAndView<>("shop/sales", salesModel(auth, date, done));
    }

    private Map<String, Object> salesModel(Authentication auth, String date, String done) {
        Supermarket shop = tills.of(ActorClaims.of(auth));
        Map<String, Object> model = base(shop, "sales", done);
        LocalDate day = date(date);
        model.put("sales", sales.day(ActorClaims.of(auth), shop.supermarketId(), day == null ? sales.today() : day));
        model.put("refundDays", refunds.refundDays());
        return model;
    }

    @Get("/refunds")
    ModelAndView<Map<String, Object>> refundsPage(Authentication auth, @Nullable @QueryValue Long receipt,
                                                  @QueryValue(defaultValue = "") String done,
                                                  HttpRequest<?> request) {
        Map<String, Object> model = refundsModel(auth, done);
        if (receipt != null) {
            try {
                model.put("found", refunds.byReceipt(ActorClaims.of(auth), receipt));
            } catch (NotFound e) {
                model.put("error", messages.of(request, e));
            }
            model.put("receipt", receipt);
        }
        return new ModelAndView<>("shop/refunds", model);
    }

    private Map<String, Object> refundsModel(Authentication auth, String done) {
        Supermarket shop = tills.of(ActorClaims.of(auth));
        Map<String, Object> model = base(shop, "refunds", done);
        model.put("refundDays", refunds.refundDays());
        model.put("recent", sales.day(ActorClaims.of(auth), shop.supermarketId(), sales.today()).refunds());
        return model;
    }

    @Post(value = "/refunds", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> refund(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        return saved(request, () -> {
            // the form ticks the lines that came back (line-1, line-2, ...): one of three items is the usual case
            List<Integer> lineNos = form.entrySet().stream()
                    .filter(e -> e.getKey().matches("line-[0-9]{1,3}") && e.getValue() != null && !e.getValue().isBlank())
                    .map(e -> WholeNumber.parseInt(e.getKey().substring(5))).sorted().toList();
            // the form says it lists the lines ("lines=ticked"); none ticked there is a mistake, not "all of them"
            if (lineNos.isEmpty() && form.containsKey("lines")) {
                throw new KioskRefusal("refund.line.none");
            }
            CheckoutResult refunded = refunds.refund(ActorClaims.of(auth), new CheckoutId(form.get("checkoutId")),
                    form.get("reason"), lineNos.isEmpty() ? null : lineNos);
            return "/shop/refunds?done=refunded&receipt=" + refunded.receiptNo();
        }, () -> withForm(refundsModel(auth, ""), form), "shop/refunds");
    }

    /** The end-of-day report, for printing on A4 and signing. */
    @Get("/report")
    ModelAndView<Map<String, Object>> report(Authentication auth, @Nullable @QueryValue String date) {
        Map<String, Object> model = salesModel(auth, date, "");
        model.put("printedAt", new Times(clock.getZone()).dateTime(clock.instant()));
        model.put("stockRows", stock.rows(tills.of(ActorClaims.of(auth)).supermarketId()));
        return new ModelAndView<>("shop/report", model);
    }

    private Map<String, Object> base(Supermarket shop, String tab, String done) {
        Map<String, Object> model = new HashMap<>();
        model.put("shop", shop);
        model.put("tab", tab);
        model.put("done", done);
        model.put("t", new Times(clock.getZone()));
        model.put("form", Map.of());
        return model;
    }

    private static Map<String, Object> withForm(Map<String, Object> model, Map<String, String> form) {
        model.put("form", form);
        return model;
    }

    /**
     * Runs a form's action: on success a 303 to the page it names; on a refusal the form's page again, with the
     * reason and the typed values, answered 422.
     */
    private HttpResponse<?> saved(HttpRequest<?> request, Supplier<String> action,
                                  Supplier<Map<String, Object>> page, String view) {
        try {
            return HttpResponse.seeOther(URI.create(action.get()));
        } catch (BadInput | NotFound | MalformedId e) {
            Map<String, Object> model = page.get();
            model.put("error", e instanceof MalformedId ? messages.text(request, "stock.adjust.id-invalid", List.of())
                    : messages.of(request, e));
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new ModelAndView<>(view, model));
        } catch (AccessDenied e) {
            throw e;
        }
    }

    /** A whole number within an int's range (a monthly limit): beyond it refused, never cut down. */
    private static int whole(String text) {
        long value = number(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new BadInputNumber(text);
        }
        return (int) value;
    }

    private static long number(String text) {
        if (text == null || text.isBlank()) {
            throw new BadInputNumber(text);
        }
        try {
            return WholeNumber.parse(text);
        } catch (NumberFormatException e) {
            throw new BadInputNumber(text);
        }
    }

    private static String orZero(String text) {
        return text == null || text.isBlank() ? "0" : text;
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return SaneDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadInput("shop.date.invalid", text);
        }
    }

    private static AdjustmentKind kind(String text) {
        try {
            return text == null || text.isBlank() ? null : AdjustmentKind.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static DonorKind donorKind(String text) {
        try {
            return text == null || text.isBlank() ? null : DonorKind.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A number field left empty or holding letters. */
    static final class BadInputNumber extends BadInput {
        BadInputNumber(String text) {
            super("shop.number.invalid", text == null ? "" : text);
        }
    }
}
