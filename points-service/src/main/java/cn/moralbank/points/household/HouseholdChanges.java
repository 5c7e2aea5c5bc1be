package cn.moralbank.points.household;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.RememberedEntry;
import cn.moralbank.points.ledger.RememberedEntries;
import cn.moralbank.points.ledger.api.EntryResult;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.region.Region;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * What happens to a household over the years: its head, members, address and phone change; it moves to another grid
 * or village (its account and history follow, since they hang on its id); it merges into another household (合户:
 * the balance moves by a ledger transfer both passbooks show, the merged one is closed) or splits (分户: a new
 * household with its share, by a transfer). The ledger is never edited: each is a new event with who (the command's
 * metadata) and why (the reason).
 */
@Singleton
public class HouseholdChanges {
    private final Households households;
    private final HouseholdRepository registry;
    private final Ledger ledger;
    private final List<HouseholdMoved> followers;
    private final RememberedEntries entries;

    HouseholdChanges(Households households, HouseholdRepository registry, Ledger ledger,
                     List<HouseholdMoved> followers, RememberedEntries entries) {
        this.entries = entries;
        this.households = households;
        this.registry = registry;
        this.ledger = ledger;
        this.followers = followers;
    }

    /** Corrects the head of household, members, address and phone (the grid moves by {@link #move}). */
    @Transactional
    public Household edit(Actor actor, HouseholdId id, NewHousehold form) {
        Household h = households.forChange(actor, id);
        if (h.status() == HouseholdStatus.MERGED) {
            // a household merged into another (合户) is closed for good: its record stays as it was
            throw new BadInput("household.merged.closed", h.cardNumber());
        }
        Households.validate(new NewHousehold(null, form.headName(), form.members(), form.address(), form.phone(),
                "-"));
        return registry.update(new Household(h.id(), h.cardNumber(), form.headName().strip(), orEmpty(form.members()),
                orEmpty(form.address()), blankToNull(form.phone()), h.gridId(), h.regionPath(), h.status(),
                h.pinHash(), h.createdAt()));
    }

    /**
     * Moves the household to another grid of the actor's scope, in its village or another; the followers (the
     * rankings' places) hear of it in the same transaction.
     */
    @Transactional
    public Household move(Actor actor, HouseholdId id, String gridCode) {
        Household h = active(actor, id);
        Region grid = households.gridInScope(actor, gridCode);
        Household moved = registry.update(new Household(h.id(), h.cardNumber(), h.headName(), h.members(),
                h.address(), h.phone(), grid.id(), grid.path(), h.status(), h.pinHash(), h.createdAt()));
        followers.forEach(follower -> follower.moved(id));
        return moved;
    }

    /**
     * 合户: the merged household's whole balance goes to the other by a transfer; the merged one is closed. The same
     * merge sent again (its answer lost, a retry after a crash) is answered as the first, by the ledger, which
     * remembers the transfer.
     */
    @Transactional
    public EntryResult merge(Actor actor, HouseholdId merged, HouseholdId into, String reason) {
        if (households.mergedInto(actor, merged).filter(into::equals).isPresent()) {
            return ledger.merge(actor, "merge-" + merged.value(), merged, into, reason(reason));
        }
        // both rows locked in the order of their ids, so that A into B and B into A at once cannot deadlock
        Household from = null;
        List<HouseholdId> order = merged.value().compareTo(into.value()) <= 0 ? List.of(merged, into)
                : List.of(into, merged);
        for (HouseholdId id : order) {
            Household locked = active(actor, id);
            from = id.equals(merged) ? locked : from;
        }
        if (merged.equals(into)) {
            throw new BadInput("ledger.transfer.to-itself", merged.value());
        }
        EntryResult result = ledger.merge(actor, "merge-" + merged.value(), merged, into, reason(reason));
        households.markMerged(actor, from.householdId(), into);
        return result;
    }

    /**
     * 分户: registers a new household (account opened at 0) and transfers its share of points to it, once per request
     * id: the split sent again (a double click, a retry after a lost answer) answers the household it made, and its
     * transfer, named after that household, is booked once.
     */
    @Transactional
    public Household split(Actor actor, HouseholdId from, NewHousehold newHousehold, long points, String reason,
                           String requestId) {
        if (requestId == null) {
            throw new BadInput("household.request.invalid");
        }
        RequestKeys.Key key = RequestKeys.split(from, requestId);
        Optional<Household> earlier = households.madeBy(actor, key);
        if (earlier.isPresent()) {
            // made before, its points moved with it in the same transaction: answered whatever happened since (the
            // household merged on, the one it was split from closed), if the request is the same: the same head and
            // the same points (another amount under the same id was answered as done, with nothing moved)
            Household made = RequestKeys.sameHousehold(earlier.get(), newHousehold, key);
            long moved = entries.find(made.householdId(), Ledger.transferInId("split-" + made.id()).value())
                    .map(RememberedEntry::requested).orElse(0L);
            if (moved != points) {
                throw new BadInput("household.request.reused-points", key.requestId(), made.cardNumber(), moved);
            }
            return made;
        }
        active(actor, from);
        Household created = households.register(actor, newHousehold, 0L, key);
        if (points > 0) {
            ledger.transfer(actor, "split-" + created.id(), from, created.householdId(), points, reason(reason));
        }
        return created;
    }

    /** The household, active, its row locked for the change (merge, split, move). */
    private Household active(Actor actor, HouseholdId id) {
        Household h = households.forChange(actor, id);
        if (h.status() != HouseholdStatus.ACTIVE) {
            throw new BadInput("household.not-active", h.cardNumber(), h.status().name());
        }
        return h;
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 200 || !PlainText.storable(reason)) {
            throw new BadInput("household.change.reason-missing");
        }
        return reason.strip();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
