package cn.moralbank.points.household;

import cn.moralbank.points.common.PhoneNumber;
import at.favre.lib.crypto.bcrypt.BCrypt;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.TransactionLocks;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Registry of households, always seen through the actor's scope. */
@Singleton
public class Households {
    /**
     * bcrypt cost of a household's 4-digit PIN. Any hash of one of 10,000 PINs is undone offline in minutes whatever
     * the cost; what protects a PIN is the kiosk's lock after five wrong tries. At a higher cost the PIN check was
     * most of what a checkout cost the application, so the PIN takes bcrypt's lowest cost (docs/performance.md,
     * "bcrypt's cost per check"). Hashes made at another cost still verify.
     */
    public static final int PIN_COST = 4;
    private final int pinCost;
    private static final Pattern PIN = Pattern.compile("[0-9]{4}");
    private static final Pattern CARD = Pattern.compile("[0-9]{6,20}");

    private final HouseholdRepository households;
    private final Regions regions;
    private final CountySettings counties;
    private final Ledger ledger;
    private final TransactionLocks locks;
    private final List<HouseholdMoved> followers;

    Households(HouseholdRepository households, Regions regions, CountySettings counties, Ledger ledger,
               TransactionLocks locks, List<HouseholdMoved> followers,
               @Value("${moralbank.pin-cost:" + PIN_COST + "}") int pinCost) {
        this.followers = followers;
        this.pinCost = pinCost;
        this.locks = locks;
        this.households = households;
        this.regions = regions;
        this.counties = counties;
        this.ledger = ledger;
    }

    /**
     * The household, if the actor may see it: 404 if there is none, 403 if it lies outside the actor's scope (a
     * villager sees only their own).
     */
    public Household visible(Actor actor, HouseholdId id) {
        return inScope(actor, id, households.findById(id.value()));
    }

    /**
     * The household as {@link #visible} finds it, its row locked until the transaction ends: what a change reads
     * before it writes the row whole. A change made meanwhile (a merge marking it MERGED) is waited for and read, never
     * written over (an attacker pass found a merged household set back to ACTIVE by a PIN or a status sent at once).
     */
    Household forChange(Actor actor, HouseholdId id) {
        return inScope(actor, id, households.findByIdForUpdate(id.value()));
    }

    /** The household read, if the actor may see it: 404 if there is none, 403 outside the actor's scope. */
    private static Household inScope(Actor actor, HouseholdId id, Optional<Household> found) {
        Household household = found.orElseThrow(() -> new NotFound("household.not-found", id.value()));
        boolean ownHousehold = actor.role() != Role.VILLAGER || id.value().equals(actor.householdId());
        if (!ownHousehold || !actor.covers(household.regionPath())) {
            throw new AccessDenied("household " + id.value());
        }
        return household;
    }

    /**
     * The household of a card number, if the actor may see it. A card outside the actor's scope answers exactly as
     * a card that does not exist (404 {@code household.card.not-found}), not 403: whoever types card numbers (a
     * kiosk, an office of another village) learns nothing about which numbers exist elsewhere in the county.
     */
    public Household byCard(Actor actor, String cardNumber) {
        if (cardNumber == null || !CARD.matcher(cardNumber).matches()) {
            throw new BadInput("household.card.invalid", String.valueOf(cardNumber));
        }
        NotFound unknown = new NotFound("household.card.not-found", cardNumber);
        Household household = households.findByCardNumber(cardNumber).orElseThrow(() -> unknown);
        try {
            return visible(actor, household.householdId());
        } catch (AccessDenied outsideScope) {
            throw unknown;
        }
    }

    public Page<Household> search(Actor actor, String text, int page, int size) {
        return households.search(actor.regionPath(), text == null ? "" : text.strip(), Pageable.from(page, size));
    }

    public List<Household> allVisible(Actor actor) {
        return households.findAllUnder(actor.regionPath());
    }

    /** Registers a household in a grid of the actor's scope and opens its account with the county's base score. */
    @Transactional
    public Household register(Actor actor, NewHousehold form) {
        return register(actor, form, null,
                form.requestId() == null ? null : RequestKeys.registration(form.requestId()));
    }

    /**
     * The same, with the account opened at this base score instead of the county's (0 for a split: 分户), once per
     * {@code requestKey} when one is given (the form's own {@code requestId} above): the household's id is derived
     * from the key and its sender ({@link RequestKeys}), so a form sent twice (a double click, a retry after a
     * lost answer or a crash) answers the household the first registered, and a key used for another household is
     * refused. Without a key every call registers anew (an import keeps its own record of the lines it registered).
     */
    @Transactional
    Household register(Actor actor, NewHousehold form, Long baseScore, @Nullable RequestKeys.Key requestKey) {
        validate(form);
        Region grid = gridInScope(actor, form.gridCode());
        boolean blank = form.cardNumber() == null || form.cardNumber().isBlank();
        if (blank || requestKey != null) {
            // the grid's next number, chosen by one registration at a time: two at once never choose the same; and
            // two sendings of one request never both register
            holdCardNumbers(grid);
        }
        String id = requestKey == null ? HouseholdId.newId().value() : RequestKeys.id(actor, requestKey);
        if (requestKey != null) {
            Optional<Household> earlier = households.findById(id);
            if (earlier.isPresent()) {
                return RequestKeys.sameHousehold(earlier.get(), form, requestKey);
            }
        }
        String card = blank ? nextCardNumber(grid) : form.cardNumber();
        if (households.existsByCardNumber(card)) {
            throw new BadInput("household.card.duplicate", card);
        }
        Household household = households.save(new Household(id, card,
                form.headName().strip(), blankIfNull(form.members()), blankIfNull(form.address()),
                form.phone(), grid.id(), grid.path(), HouseholdStatus.ACTIVE, null, Instant.now()));
        ledger.open(actor, household.householdId(), baseScore != null ? baseScore : counties.baseScore(grid));
        return household;
    }

    /**
     * The rules a household's fields must meet, for forms and import rows alike: the import's preview flags every
     * problem found here at its cell ({@link ImportCheck}), so no row it accepts is refused when it is registered.
     * Lengths count characters as PostgreSQL does (a rare character outside the basic plane is one, not two).
     */
    static void validate(NewHousehold form) {
        List<FieldProblem> problems = problems(form);
        if (!problems.isEmpty()) {
            throw new BadInput(problems.get(0).code(), problems.get(0).arguments().toArray());
        }
    }

    /** A field of a household's form that breaks a rule: the field (as the import file's column), code, arguments. */
    record FieldProblem(ImportColumn field, String code, List<Object> arguments) {
        FieldProblem(ImportColumn field, String code, Object... arguments) {
            this(field, code, List.of(arguments));
        }
    }

    /** Every rule the form breaks, in the order {@link #validate} reports the first. */
    static List<FieldProblem> problems(NewHousehold form) {
        List<FieldProblem> out = new ArrayList<>();
        if (form.headName() == null || form.headName().isBlank()) {
            out.add(new FieldProblem(ImportColumn.HEAD_NAME, "household.head-name.missing"));
        } else if (characters(form.headName().strip()) > 50) {
            out.add(new FieldProblem(ImportColumn.HEAD_NAME, "household.head-name.too-long", 50));
        }
        if (!PlainText.name(form.headName())) {
            out.add(new FieldProblem(ImportColumn.HEAD_NAME, "household.text.unstorable"));
        }
        if (!PlainText.name(form.members())) {
            out.add(new FieldProblem(ImportColumn.MEMBERS, "household.text.unstorable"));
        }
        if (!PlainText.storable(form.address())) {
            out.add(new FieldProblem(ImportColumn.ADDRESS, "household.text.unstorable"));
        }
        if (form.cardNumber() != null && !form.cardNumber().isBlank() && !CARD.matcher(form.cardNumber()).matches()) {
            out.add(new FieldProblem(ImportColumn.CARD_NUMBER, "household.card.invalid", form.cardNumber()));
        }
        if (form.phone() != null && !form.phone().isBlank() && !PhoneNumber.valid(form.phone())) {
            out.add(new FieldProblem(ImportColumn.PHONE, "household.phone.invalid", form.phone()));
        }
        if (form.members() != null && characters(form.members()) > 500) {
            out.add(new FieldProblem(ImportColumn.MEMBERS, "household.members.too-long", 500));
        }
        if (form.address() != null && characters(form.address()) > 200) {
            out.add(new FieldProblem(ImportColumn.ADDRESS, "household.address.too-long", 200));
        }
        if (form.gridCode() == null || form.gridCode().isBlank()) {
            out.add(new FieldProblem(ImportColumn.GRID_CODE, "household.grid.missing"));
        }
        return out;
    }

    private static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The grid named by code, if it is a grid within the actor's scope. */
    public Region gridInScope(Actor actor, String gridCode) {
        Region grid = regions.byCode(gridCode);
        if (grid.level() != RegionLevel.GRID) {
            throw new BadInput("household.grid.not-a-grid", gridCode);
        }
        if (!actor.covers(grid.path())) {
            throw new AccessDenied("grid " + gridCode);
        }
        return grid;
    }

    /** Sets the 4-digit PIN used with the household card at the kiosk (设置户卡密码). */
    @Transactional
    public void setPin(Actor actor, HouseholdId id, String pin) {
        String hash = pinHash(pin);
        households.update(forChange(actor, id).withPinHash(hash));
    }

    /**
     * 迁出 and back: a merged household's status is final (its account is closed in the ledger, its balance went to
     * the other household), and a household is marked merged only by the merge itself ({@link HouseholdChanges}).
     */
    /**
     * 首次户卡密码: sets this PIN only if the household still has none, in one conditional update; false when another
     * request set one first (its PIN stands, this one is not to be printed).
     */
    public boolean setFirstPin(Actor actor, HouseholdId id, String pin) {
        Household household = visible(actor, id);
        return households.setPinIfNone(household.id(), pinHash(pin)) == 1;
    }

    /** A PIN of four digits, hashed at the households' cost; anything else refused. */
    private String pinHash(String pin) {
        if (pin == null || !PIN.matcher(pin).matches()) {
            throw new BadInput("household.pin.invalid");
        }
        return BCrypt.withDefaults().hashToString(pinCost, pin.toCharArray());
    }

    @Transactional
    public void setStatus(Actor actor, HouseholdId id, HouseholdStatus status) {
        Household h = forChange(actor, id);
        if (h.status() == HouseholdStatus.MERGED) {
            throw new BadInput("household.status.merged-final", h.cardNumber());
        }
        if (status == HouseholdStatus.MERGED) {
            throw new BadInput("household.status.merge-by-merging", h.cardNumber());
        }
        write(h, status);
        boolean wasOn = h.status() == HouseholdStatus.ACTIVE;
        boolean isOn = status == HouseholdStatus.ACTIVE;
        if (wasOn != isOn) {
            followers.forEach(follower -> follower.register(id, isOn));
        }
    }

    /** The merge's own mark: the ledger has closed the household's account and moved its balance {@code into}. */
    void markMerged(Actor actor, HouseholdId id, HouseholdId into) {
        write(forChange(actor, id), HouseholdStatus.MERGED);
        households.recordMerge(id.value(), into.value());
    }

    /** The household a request made before, if it did (a split sent again finds it whatever happened since). */
    Optional<Household> madeBy(Actor actor, RequestKeys.Key key) {
        return households.findById(RequestKeys.id(actor, key));
    }

    /** The household this one, visible to the actor, was merged into (合户), if it was. */
    public Optional<HouseholdId> mergedInto(Actor actor, HouseholdId id) {
        visible(actor, id);
        return households.findMergedInto(id.value()).map(HouseholdId::new);
    }

    /**
     * The household that holds this one's points now: itself, or, for a merged household (合户), the one it went into
     * (followed on, should that one have been merged too). What still comes back to a merged household after its
     * account closed, a refund of a checkout it paid before, is booked there. No scope: the caller has already been
     * allowed the entry that names the household.
     */
    public HouseholdId holderNow(HouseholdId id) {
        HouseholdId holder = id;
        // each merge closes an account for good, so the chain ends; the bound guards against a row written by hand
        for (int step = 0; step < 100; step++) {
            Optional<String> into = households.findMergedInto(holder.value());
            if (into.isEmpty()) {
                return holder;
            }
            holder = new HouseholdId(into.get());
        }
        throw new IllegalStateException("household " + id.value() + ": merges form a loop");
    }

    private void write(Household h, HouseholdStatus status) {
        households.update(new Household(h.id(), h.cardNumber(), h.headName(), h.members(), h.address(), h.phone(),
                h.gridId(), h.regionPath(), status, h.pinHash(), h.createdAt()));
    }

    /**
     * Holds the choice of the grid's card numbers until the transaction ends. An import holds its chunk's grids
     * first, in the order of their ids, so that two imports never wait on each other in a circle.
     */
    void holdCardNumbers(Region grid) {
        locks.hold("household-card-numbers:" + grid.id());
    }

    String nextCardNumber(Region grid) {
        return CardNumbers.firstFree(CardNumbers.prefix(grid), households::existsByCardNumber)
                .orElseThrow(() -> new BadInput("household.card.exhausted", grid.code()));
    }

    private static String blankIfNull(String s) {
        return s == null ? "" : s.strip();
    }
}
