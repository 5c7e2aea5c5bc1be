package cn.moralbank.kiosk.stock;

import cn.moralbank.kiosk.api.*;
import cn.moralbank.kiosk.product.Product;
import cn.moralbank.kiosk.product.Products;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Tills;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.NotFound;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Donations in and stock adjustments, by the supermarket's operator; and the stock, donation and adjustment read
 * models for pages and the API.
 */
@Singleton
public class Stock {
    private final StockCommands commands;
    private final Products products;
    private final Tills tills;
    private final StockViewRepositories.Levels levels;
    private final StockViewRepositories.Donations donations;
    private final StockViewRepositories.Adjustments adjustments;
    private final Clock clock;

    Stock(StockCommands commands, Products products, Tills tills, StockViewRepositories.Levels levels,
          StockViewRepositories.Donations donations, StockViewRepositories.Adjustments adjustments, Clock clock) {
        this.commands = commands;
        this.products = products;
        this.tills = tills;
        this.levels = levels;
        this.donations = donations;
        this.adjustments = adjustments;
        this.clock = clock;
    }

    public void donate(Actor actor, SupermarketId id, DonationForm form) {
        record(actor, tills.operated(actor, id), form);
    }

    /** Records a donation without the operator check: for the demo county and the operator's own calls above. */
    public void record(Actor actor, Supermarket supermarket, DonationForm form) {
        if (form.donorKind() == null) {
            throw new KioskRefusal("stock.donation.kind-missing");
        }
        if (form.lines() == null || form.lines().isEmpty()) {
            throw new KioskRefusal("stock.donation.lines", SupermarketStock.MAX_LINES);
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate receivedOn = form.receivedOn() == null ? today : form.receivedOn();
        if (receivedOn.isAfter(today)) {
            throw new KioskRefusal("stock.donation.date-future", receivedOn);
        }
        if (form.note() != null && form.note().length() > 200) {
            throw new KioskRefusal("stock.donation.note-too-long", 200);
        }
        Map<Long, Product> known = products.byId(form.lines().stream().map(DonationForm.Line::productId).toList());
        List<DonationLine> lines = new ArrayList<>();
        for (DonationForm.Line line : form.lines()) {
            Product product = ownProduct(supermarket, known.get(line.productId()), line.productId());
            lines.add(new DonationLine(product.productId(), product.name(), line.quantity(),
                    Yuan.toFen(line.declaredValueYuan())));
        }
        commands.send(actor, new RecordDonationCommand(supermarket.supermarketId(), new DonationId(form.donationId()),
                form.donor(), form.donorKind(), lines, receivedOn, form.note()));
    }

    /** Damaged or expired goods taken out, or a count, with its reason; {@code adjustmentId} is the form's id. */
    public void adjust(Actor actor, SupermarketId id, String adjustmentId, long productId, AdjustmentKind kind,
                       long quantity, String reason) {
        Supermarket supermarket = tills.operated(actor, id);
        if (adjustmentId == null || !adjustmentId.matches("[A-Za-z0-9-]{8,64}")) {
            throw new KioskRefusal("stock.adjust.id-invalid");
        }
        if (kind == null) {
            throw new KioskRefusal("stock.adjust.kind-missing");
        }
        if (reason != null && reason.length() > 200) {
            throw new KioskRefusal("stock.adjust.reason-too-long", 200);
        }
        Product product = ownProduct(supermarket, products.byId(List.of(productId)).get(productId), productId);
        commands.send(actor, new AdjustStockCommand(supermarket.supermarketId(), adjustmentId, product.productId(),
                product.name(), kind, quantity, reason));
    }

    /** Stock per product of the supermarket, with every product listed (a product never stocked shows 0). */
    public List<StockRow> levels(Actor actor, SupermarketId id) {
        tills.readable(actor, id);
        return rows(id);
    }

    public List<StockRow> rows(SupermarketId id) {
        Map<Long, StockLevel> byProduct = new HashMap<>();
        for (StockLevel level : levels.findBySupermarketId(id.value())) {
            byProduct.put(level.productId(), level);
        }
        return products.of(id).stream()
                .map(p -> new StockRow(p, byProduct.getOrDefault(p.id(), StockLevel.empty(id.value(), p.id()))))
                .toList();
    }

    /** The donation ledger of a supermarket, newest first: public, as donors and villagers expect. */
    public List<DonationLineView> donations(SupermarketId id, int limit) {
        return donations.newest(id.value(), Math.max(1, Math.min(limit, 2000)));
    }

    public List<DonationLineView> donationsBetween(SupermarketId id, LocalDate from, LocalDate to) {
        return donations.between(id.value(), from, to);
    }

    public List<AdjustmentView> adjustments(Actor actor, SupermarketId id, int limit) {
        tills.readable(actor, id);
        return adjustments.newest(id.value(), Math.max(1, Math.min(limit, 2000)));
    }

    public List<AdjustmentView> adjustmentsOn(SupermarketId id, Instant from, Instant to) {
        return adjustments.between(id.value(), from, to);
    }

    private static Product ownProduct(Supermarket supermarket, Product product, long productId) {
        if (product == null) {
            throw new NotFound("product.not-found", productId);
        }
        if (!product.supermarketId().equals(supermarket.id())) {
            throw new KioskRefusal("checkout.product.other-supermarket", product.name());
        }
        return product;
    }

    /** A product with its stock. */
    @Serdeable
    public record StockRow(Product product, StockLevel level) {
        public long available() {
            return level.onHand() - level.reserved();
        }
    }
}
