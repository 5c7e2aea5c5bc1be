package cn.moralbank.points.ranking;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What one batch of events changes in the rankings: its sums ({@link RankingDeltas}), and the deeds it confirmed or
 * revoked, in event order. Whether a confirmation counts (a repeat does not) and what a revocation takes back are in
 * the deed's row, so they are resolved when the batch commits ({@link RankingTables#resolve}), a run of
 * confirmations or of revocations in one statement, after the batch's other statements on the deeds' rows (reported,
 * objected, rejected, withdrawn). That order is the events' own: a deed is confirmed only after it was reported and
 * its objections heard, and once confirmed it is never rejected or withdrawn (the Deed aggregate).
 */
final class RankingBatch {
    final RankingDeltas deltas = new RankingDeltas();
    final List<DeedChange> deeds = new ArrayList<>();
    /** Whether households changed places since this node last looked ({@link RankingMoves}). */
    boolean placesChanged;
    /** 合户 in this batch: each merged household and the one it joined, in event order. */
    final List<String[]> merged = new ArrayList<>();

    void confirmed(String deedId, long points, LocalDate on) {
        deeds.add(new DeedChange(deedId, true, points, on));
    }

    void revoked(String deedId) {
        deeds.add(new DeedChange(deedId, false, 0, null));
    }

    /** A confirmation (points and day given) or a revocation of a deed. */
    record DeedChange(String deedId, boolean confirmation, long points, LocalDate on) {
    }

    /** A deed whose confirmation (sign 1) or revocation (sign -1) took effect, as its row had counted it. */
    record Counted(RankingTables.CountedDeed deed, int sign) {
    }
}
