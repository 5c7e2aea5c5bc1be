package cn.moralbank.kiosk.model;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small in-memory reference of what the whole product promises, to compare the real application with after every
 * step: each household's balance and where its points went (granted, redeemed, in unspent vouchers), the deeds and
 * their votes, the vouchers, the stock of one supermarket, the checkouts and what a retry must answer.
 *
 * <p>Every method answers the expected outcome: {@code null} when the application must accept, else the refusal's
 * message code. Only an accepted step changes the model.
 */
final class CountyModel {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final int COMMITTEE = 5;
    static final Duration OBJECTION = Duration.ofDays(7);
    static final Duration REFUND_WINDOW = Duration.ofDays(7);

    enum DeedState { PENDING, UNDER_REVIEW, POSTED, CREDITED, REJECTED, REVOKED }

    enum VoucherState { ISSUED, REDEEMED, VOIDED }

    enum CheckoutState { COMPLETED, REFUSED, REFUNDED }

    static final class Account {
        long balance;
        /** base score, credits and penalties of deeds and administrators, and their reversals */
        long granted;
        /** the points of goods taken home: completed checkouts paid by this household, less refunds */
        long redeemed;
        final Map<String, Entry> entries = new HashMap<>();
    }

    record Entry(boolean credit, long points, boolean reversed) {
    }

    static final class Deed {
        final String household;
        final long points;
        DeedState state = DeedState.PENDING;
        String session;
        final Map<String, String> votes = new HashMap<>();
        Instant periodEnds;

        Deed(String household, long points) {
            this.household = household;
            this.points = points;
        }
    }

    record Voucher(String household, long points, VoucherState state) {
        Voucher in(VoucherState next) {
            return new Voucher(household, points, next);
        }
    }

    record Batch(String household, List<Long> values, List<String> serials) {
    }

    record Product(long price, int monthlyLimit) {
    }

    record Line(long product, long quantity) {
    }

    /** What identifies a basket: the request's content the checkout compares a retry with. */
    record Basket(String cardHousehold, List<Line> lines, List<String> vouchers) {
    }

    static final class Checkout {
        final Basket basket;
        final String payer;
        final long total;
        final long cardPoints;
        final long voucherPoints;
        final YearMonth month;
        CheckoutState state;
        String refusal;
        Instant finishedAt;
        /** When its first run ended, accepted or refused: a card's retry is taken for ten minutes after. */
        Instant endedAt;

        Checkout(Basket basket, String payer, long total, long cardPoints, long voucherPoints, YearMonth month) {
            this.basket = basket;
            this.payer = payer;
            this.total = total;
            this.cardPoints = cardPoints;
            this.voucherPoints = voucherPoints;
            this.month = month;
        }
    }

    /** A kiosk's retry of a card checkout is taken this long after its first run (Receipts.ON_KIOSK). */
    static final Duration RETRY_WINDOW = Duration.ofMinutes(10);

    Instant now;
    final Map<String, Account> accounts = new LinkedHashMap<>();
    final Map<String, Deed> deeds = new LinkedHashMap<>();
    final Map<String, List<String>> sessions = new LinkedHashMap<>();
    final Map<String, Voucher> vouchers = new LinkedHashMap<>();
    final Map<String, Batch> batches = new HashMap<>();
    final Map<Long, Product> products = new LinkedHashMap<>();
    final Map<Long, Long> onHand = new HashMap<>();
    final Map<String, Long> bought = new HashMap<>();
    final Map<String, Checkout> checkouts = new LinkedHashMap<>();

    CountyModel(Instant now) {
        this.now = now;
    }

    void open(String household, long seed) {
        Account account = new Account();
        account.balance = seed;
        account.granted = seed;
        accounts.put(household, account);
    }

    Account account(String household) {
        return accounts.get(household);
    }

    // ---------------------------------------------------------------- ledger, by the administrator

    /** A credit or penalty with an entry id of the administrator's choosing; null when accepted. */
    String book(String household, String entryId, boolean credit, long points) {
        Account a = account(household);
        Entry earlier = a.entries.get(entryId);
        if (earlier != null) {
            return earlier.credit() == credit && earlier.points() == points ? null : "ledger.entry-id.reused";
        }
        long signed = credit ? points : -points;
        a.balance += signed;
        a.granted += signed;
        a.entries.put(entryId, new Entry(credit, points, false));
        return null;
    }

    String reverse(String household, String reversalId, String original) {
        Account a = account(household);
        Entry target = a.entries.get(original);
        if (target == null) {
            return "ledger.reverse.unknown-entry";
        }
        if (target.reversed()) {
            return "ledger.reverse.already";
        }
        long signed = target.credit() ? -target.points() : target.points();
        a.balance += signed;
        a.granted += signed;
        a.entries.put(original, new Entry(target.credit(), target.points(), true));
        return null;
    }

    // ---------------------------------------------------------------- deeds

    void report(String deed, String household, long points) {
        deeds.put(deed, new Deed(household, points));
    }

    List<String> pending() {
        return deeds.entrySet().stream().filter(e -> e.getValue().state == DeedState.PENDING).map(Map.Entry::getKey)
                .toList();
    }

    void prepare(String session, List<String> agenda) {
        sessions.put(session, agenda);
        for (String id : agenda) {
            Deed deed = deeds.get(id);
            deed.state = DeedState.UNDER_REVIEW;
            deed.session = session;
            deed.votes.clear();
        }
    }

    void close(String session) {
        for (String id : sessions.remove(session)) {
            Deed deed = deeds.get(id);
            if (deed.state == DeedState.UNDER_REVIEW && session.equals(deed.session)) {
                deed.state = DeedState.PENDING;
            }
        }
    }

    String vote(String id, String member, String choice) {
        Deed deed = deeds.get(id);
        if (deed.state != DeedState.UNDER_REVIEW) {
            return "deed.vote.not-under-review";
        }
        if (deed.votes.containsKey(member)) {
            return "deed.vote.twice";
        }
        deed.votes.put(member, choice);
        if (2 * count(deed, "APPROVE") > COMMITTEE) {
            deed.state = DeedState.POSTED;
            deed.periodEnds = now.plus(OBJECTION);
        } else if (2 * count(deed, "REJECT") > COMMITTEE) {
            deed.state = DeedState.REJECTED;
        }
        return null;
    }

    private static long count(Deed deed, String choice) {
        return deed.votes.values().stream().filter(choice::equals).count();
    }

    String object(String id) {
        Deed deed = deeds.get(id);
        if (deed.state != DeedState.POSTED) {
            return "deed.objection.not-posted";
        }
        if (!now.isBefore(deed.periodEnds)) {
            return "deed.objection.period-over";
        }
        deed.state = DeedState.PENDING;
        deed.periodEnds = null;
        return null;
    }

    /** Time passes and the objection-period job runs: every deed whose period has ended is credited or penalised. */
    void pass(Duration time) {
        now = now.plus(time);
        for (Deed deed : deeds.values()) {
            if (deed.state == DeedState.POSTED && !now.isBefore(deed.periodEnds)) {
                deed.state = DeedState.CREDITED;
                Account a = account(deed.household);
                a.balance += deed.points;
                a.granted += deed.points;
            }
        }
    }

    String revoke(String id) {
        Deed deed = deeds.get(id);
        if (deed.state == DeedState.REVOKED) {
            return "deed.revoke.already";
        }
        if (deed.state != DeedState.CREDITED) {
            return "deed.revoke.not-credited";
        }
        deed.state = DeedState.REVOKED;
        Account a = account(deed.household);
        a.balance -= deed.points;
        a.granted -= deed.points;
        return null;
    }

    // ---------------------------------------------------------------- vouchers

    /** Before the serials are known: null when the issue must go through. */
    String issue(String household, String batchId, List<Long> values) {
        Batch batch = batches.get(batchId);
        if (batch != null) {
            return batch.household().equals(household) && batch.values().equals(values) ? null
                    : "voucher.batch.reused";
        }
        long total = values.stream().mapToLong(Long::longValue).sum();
        return total > account(household).balance ? "voucher.issue.insufficient" : null;
    }

    /** The serials the application gave a new batch: each voucher's points leave the account. */
    void issued(String household, String batchId, List<Long> values, List<String> serials) {
        if (batches.containsKey(batchId)) {
            return;
        }
        batches.put(batchId, new Batch(household, values, serials));
        for (int i = 0; i < serials.size(); i++) {
            vouchers.put(serials.get(i), new Voucher(household, values.get(i), VoucherState.ISSUED));
            account(household).balance -= values.get(i);
        }
    }

    String voidVoucher(String serial) {
        Voucher v = vouchers.get(serial);
        switch (v.state()) {
            case REDEEMED -> {
                return "voucher.void.redeemed";
            }
            case ISSUED -> {
                vouchers.put(serial, v.in(VoucherState.VOIDED));
                account(v.household()).balance += v.points();
            }
            case VOIDED -> { }
        }
        return null;
    }

    /** A household's points in vouchers it has not spent yet. */
    long unspent(String household) {
        return vouchers.values().stream().filter(v -> v.household().equals(household))
                .filter(v -> v.state() == VoucherState.ISSUED).mapToLong(Voucher::points).sum();
    }

    // ---------------------------------------------------------------- supermarket

    void product(long id, long price, int monthlyLimit, long stock) {
        products.put(id, new Product(price, monthlyLimit));
        onHand.put(id, stock);
    }

    void donate(long product, long quantity) {
        onHand.merge(product, quantity, Long::sum);
    }

    /**
     * A checkout, in the order the kiosk checks: the basket's shape and vouchers before the request id is used (a
     * refusal there leaves it unused), then stock, vouchers and points (a refusal there is recorded, and a retry
     * answers it again).
     */
    String checkout(String id, Basket basket) {
        Checkout earlier = checkouts.get(id);
        if (earlier != null) {
            if (!sameBasket(earlier.basket, basket)) {
                return "checkout.request.reused";
            }
            if (basket.cardHousehold() != null && earlier.endedAt.plus(RETRY_WINDOW).isBefore(now)) {
                return "kiosk.retry.expired";
            }
            return earlier.refusal;
        }
        if (basket.vouchers().stream().distinct().count() < basket.vouchers().size()) {
            return "checkout.voucher.twice";
        }
        long total = basket.lines().stream().mapToLong(l -> l.quantity() * products.get(l.product()).price()).sum();
        long voucherSum = 0;
        long smallest = Long.MAX_VALUE;
        for (String serial : basket.vouchers()) {
            Voucher v = vouchers.get(serial);
            if (v.state() == VoucherState.REDEEMED) {
                return "voucher.redeemed";
            }
            if (v.state() == VoucherState.VOIDED) {
                return "voucher.voided";
            }
            voucherSum += v.points();
            smallest = Math.min(smallest, v.points());
        }
        if (!basket.vouchers().isEmpty() && voucherSum - smallest >= total) {
            return "checkout.voucher.not-needed";
        }
        long cardPoints = Math.max(0, total - voucherSum);
        long change = Math.max(0, voucherSum - total);
        if (cardPoints > 0 && basket.cardHousehold() == null) {
            return "checkout.card.needed";
        }
        String payer = basket.cardHousehold() != null ? basket.cardHousehold()
                : vouchers.get(basket.vouchers().get(0)).household();
        YearMonth month = YearMonth.from(now.atZone(ZONE));
        Checkout c = new Checkout(basket, payer, total, cardPoints, voucherSum - change, month);
        checkouts.put(id, c);
        c.endedAt = now;
        c.refusal = reserve(payer, month, basket.lines());
        if (c.refusal == null && cardPoints > account(payer).balance) {
            c.refusal = "checkout.points.insufficient";
        }
        if (c.refusal != null) {
            c.state = CheckoutState.REFUSED;
            return c.refusal;
        }
        for (Line line : basket.lines()) {
            onHand.merge(line.product(), -line.quantity(), Long::sum);
            bought.merge(payer + "|" + month + "|" + line.product(), line.quantity(), Long::sum);
        }
        for (String serial : basket.vouchers()) {
            vouchers.put(serial, vouchers.get(serial).in(VoucherState.REDEEMED));
        }
        Account a = account(payer);
        a.balance += change - cardPoints;
        a.redeemed += total;
        c.state = CheckoutState.COMPLETED;
        c.finishedAt = now;
        return null;
    }

    private String reserve(String payer, YearMonth month, List<Line> lines) {
        for (Line line : lines) {
            if (line.quantity() > onHand.get(line.product())) {
                return "stock.short";
            }
            int limit = products.get(line.product()).monthlyLimit();
            long already = bought.getOrDefault(payer + "|" + month + "|" + line.product(), 0L);
            if (limit > 0 && already + line.quantity() > limit) {
                return "stock.limit";
            }
        }
        return null;
    }

    private static boolean sameBasket(Basket a, Basket b) {
        return Objects.equals(a.cardHousehold(), b.cardHousehold())
                && sorted(a.lines()).equals(sorted(b.lines()))
                && a.vouchers().stream().sorted().toList().equals(b.vouchers().stream().sorted().toList());
    }

    private static List<Line> sorted(List<Line> lines) {
        List<Line> copy = new ArrayList<>(lines);
        copy.sort((x, y) -> Long.compare(x.product(), y.product()));
        return copy;
    }

    String refund(String id) {
        Checkout c = checkouts.get(id);
        if (c.state == CheckoutState.REFUNDED) {
            return null;
        }
        if (c.state != CheckoutState.COMPLETED) {
            return "refund.not-completed";
        }
        if (c.finishedAt.plus(REFUND_WINDOW).isBefore(now)) {
            return "refund.too-late";
        }
        for (Line line : c.basket.lines()) {
            onHand.merge(line.product(), line.quantity(), Long::sum);
            bought.computeIfPresent(c.payer + "|" + c.month + "|" + line.product(), (k, v) -> v - line.quantity());
        }
        Account a = account(c.payer);
        a.balance += c.cardPoints + c.voucherPoints;
        a.redeemed -= c.total;
        c.state = CheckoutState.REFUNDED;
        return null;
    }
}
