package cn.moralbank.points.ranking;

import cn.moralbank.points.common.PerBatch;
import cn.moralbank.points.common.Projection;
import cn.moralbank.points.deed.api.DeedConfirmed;
import cn.moralbank.points.deed.api.DeedObjected;
import cn.moralbank.points.deed.api.DeedRejected;
import cn.moralbank.points.deed.api.DeedReported;
import cn.moralbank.points.deed.api.DeedRevoked;
import cn.moralbank.points.deed.api.DeedWithdrawn;
import cn.moralbank.points.ledger.api.AccountClosed;
import cn.moralbank.points.ledger.api.AccountOpened;
import cn.moralbank.points.ledger.api.EntryReversed;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.PointsCredited;
import cn.moralbank.points.ledger.api.PointsDebited;
import cn.moralbank.points.ledger.api.PointsPenalised;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The rankings from the ledger's and the deeds' events: per household and per region (grid, village, township,
 * county) and per period, what was earned (credits less penalties, reversals of either included: never the
 * spendable balance; only deeds' settlements, never an adjustment booked by hand), credited, penalised and redeemed
 * (less what change and refunds gave back), how many good deeds were confirmed and of which
 * civilisation, and how many households took part. A ledger entry counts in the periods of the day it was booked, a
 * deed in those of the day it was confirmed (a revocation takes it back from the same periods).
 *
 * <p>Everything is summed per batch and written at its end (see {@link RankingDeltas}); the deeds themselves are
 * kept row by row in ranking_deed, which the grid workers' ratings read. A deed's confirmation or revocation counts
 * what its row holds, so the batch's confirmations and revocations are resolved together when it commits, in a
 * statement each ({@link RankingBatch}), not in a round trip each (docs/performance.md).
 */
@Singleton
@ProcessingGroup(RankingProjection.NAME)
class RankingProjection implements Projection {
    static final String NAME = "rankings";
    private static final String BATCH = RankingProjection.class.getName() + ".batch";
    private static final String PLACES_CHECKED = RankingProjection.class.getName() + ".placesChecked";

    private final RankingTables tables;
    private final RankingMoves moves;
    private final Places places;
    private final ZoneId zone;
    private final PerBatch perBatch;

    RankingProjection(RankingTables tables, RankingMoves moves, Places places, Clock clock, PerBatch perBatch) {
        this.moves = moves;
        this.perBatch = perBatch;
        this.tables = tables;
        this.places = places;
        this.zone = clock.getZone();
    }

    @EventHandler
    void on(AccountOpened e) {
        place(e.householdId()).ifPresent(place -> deltas(d -> d.countHousehold(e.householdId().value())));
    }

    /**
     * Earned and credited count only what the committee confirmed (a deed's settlement): an entry booked by hand is an
     * adjustment of the balance, not points earned. Change and refunds give back what a redemption took: less
     * redeemed.
     */
    @EventHandler
    void on(PointsCredited e, @Timestamp Instant at) {
        if (e.entryId().settlesADeed()) {
            ledger(e.householdId(), at, e.points(), e.points(), 0, 0);
        } else if (e.entryId().returnsRedeemedPoints()) {
            ledger(e.householdId(), at, 0, 0, 0, -e.points());
        }
    }

    @EventHandler
    void on(PointsPenalised e, @Timestamp Instant at) {
        if (e.entryId().settlesADeed()) {
            ledger(e.householdId(), at, -e.points(), 0, e.points(), 0);
        }
    }

    @EventHandler
    void on(PointsDebited e, @Timestamp Instant at) {
        if (e.entryId().redeems()) {
            ledger(e.householdId(), at, 0, 0, 0, e.points());
        }
    }

    /** A reversal counts when it is booked, against what it reverses: points is the signed change to the balance. */
    @EventHandler
    void on(EntryReversed e, @Timestamp Instant at) {
        boolean deed = e.originalEntryId().settlesADeed();
        switch (e.originalKind()) {
            case CREDIT -> {
                if (deed) {
                    ledger(e.householdId(), at, e.points(), e.points(), 0, 0);
                } else if (e.originalEntryId().returnsRedeemedPoints()) {
                    ledger(e.householdId(), at, 0, 0, 0, -e.points());
                }
            }
            case PENALTY -> {
                if (deed) {
                    ledger(e.householdId(), at, e.points(), 0, -e.points(), 0);
                }
            }
            case DEBIT -> {
                if (e.originalEntryId().redeems()) {
                    ledger(e.householdId(), at, 0, 0, 0, -e.points());
                }
            }
            default -> {
                // an opening is never reversed, a reversal never again
            }
        }
    }

    @EventHandler
    void on(DeedReported e) {
        place(e.householdId()).ifPresent(place -> tables.deedReported(e.deedId().value(), e.householdId().value(),
                place.regionPath(), e.reporter(), e.reporterRole().name(), e.rule().category(), e.points(),
                e.deedDate(), day(e.reportedAt())));
    }

    @EventHandler
    void on(DeedObjected e) {
        tables.deedObjected(e.deedId().value());
    }

    @EventHandler
    void on(DeedRejected e) {
        tables.deedStatus(e.deedId().value(), "REJECTED");
    }

    @EventHandler
    void on(DeedWithdrawn e) {
        tables.deedStatus(e.deedId().value(), "WITHDRAWN");
    }

    @EventHandler
    void on(DeedConfirmed e) {
        batch(b -> b.confirmed(e.deedId().value(), e.points(), day(e.confirmedAt())));
    }

    @EventHandler
    void on(DeedRevoked e) {
        batch(b -> b.revoked(e.deedId().value()));
    }

    @ResetHandler
    void reset() {
        tables.clear();
        places.forget();
    }

    /** Counts a confirmed deed (sign 1) or takes a revoked one back (sign -1) in the periods of its confirmation. */
    private void count(RankingDeltas d, RankingTables.CountedDeed deed, int sign) {
        place(new HouseholdId(deed.householdId())).ifPresent(place -> {
            boolean good = deed.points() > 0;
            int category = deed.category().ordinal();
            for (Period period : Period.holding(deed.confirmedOn())) {
                d.addHousehold(deed.householdId(), period, RankingDeltas.FIRST_POINTS + category,
                        sign * deed.points());
                if (good) {
                    d.addHousehold(deed.householdId(), period, RankingDeltas.DEEDS, sign);
                    d.addHousehold(deed.householdId(), period, RankingDeltas.FIRST_DEEDS + category, sign);
                }
            }
        });
    }

    private void ledger(HouseholdId household, Instant at, long earned, long credited, long penalised,
                        long redeemed) {
        place(household).ifPresent(place -> deltas(d -> {
            for (Period period : Period.holding(day(at))) {
                String id = household.value();
                d.addHousehold(id, period, RankingDeltas.EARNED, earned);
                d.addHousehold(id, period, RankingDeltas.CREDITED, credited);
                d.addHousehold(id, period, RankingDeltas.PENALISED, penalised);
                d.addHousehold(id, period, RankingDeltas.REDEEMED, redeemed);
            }
        }));
    }

    private void deltas(Consumer<RankingDeltas> change) {
        batch(b -> change.accept(b.deltas));
    }

    /**
     * Applies a change to this batch's rankings, written when the batch commits; outside a batch (a test calling the
     * handler, or one event at a time after a failed batch) it is written at once.
     */
    private void batch(Consumer<RankingBatch> change) {
        perBatch.change(BATCH, RankingBatch::new, this::write, change);
    }

    /** 合户: the merged household's rankings go to the household it joined ({@link RankingMoves#absorb}). */
    @EventHandler
    void on(AccountClosed e) {
        if (e.mergedInto() != null) {
            batch(b -> b.merged.add(new String[]{e.householdId().value(), e.mergedInto().value()}));
        }
    }

    /**
     * Moves the rankings of households that changed places, if any did; counts the batch's confirmations and
     * revocations that took effect; hands merged households' rankings on; then writes the batch's sums.
     */
    private void write(RankingBatch batch) {
        if (batch.placesChanged) {
            moves.apply(batch.deltas);
        }
        for (RankingBatch.Counted counted : tables.resolve(batch)) {
            count(batch.deltas, counted.deed(), counted.sign());
        }
        for (String[] merge : batch.merged) {
            moves.absorb(batch.deltas, merge[0], merge[1]);
        }
        tables.flush(batch.deltas);
    }

    /** The household's place now; once per batch the places kept are checked against moves on any node. */
    private Optional<Place> place(HouseholdId household) {
        boolean[] changed = new boolean[1];
        perBatch.change(PLACES_CHECKED, places::refresh, checked -> { }, checked -> changed[0] = checked);
        if (changed[0]) {
            // households moved since this node last looked: the batch moves their rankings before it writes
            batch(b -> b.placesChanged = true);
        }
        return places.of(household.value());
    }

    private LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }
}
