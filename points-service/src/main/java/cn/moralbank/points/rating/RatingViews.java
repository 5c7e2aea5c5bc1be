package cn.moralbank.points.rating;

import cn.moralbank.points.common.Projection;
import cn.moralbank.points.common.ViewTables;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.rating.api.*;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * The rating read models from the RatingRound events: rounds, each worker's or household's result with its facts
 * and criterion scores, and the trail of what changed after opening (township scores, adjustments, appeals, flags).
 */
@Singleton
@ProcessingGroup(RatingViews.NAME)
class RatingViews implements Projection {
    static final String NAME = "rating-views";
    private final SqlRows sql;
    private final ViewTables tables;

    RatingViews(SqlRows sql, ViewTables tables) {
        this.sql = sql;
        this.tables = tables;
    }

    @EventHandler
    void on(WorkerRoundOpened e) {
        round(e.roundId(), RoundKind.GRID_WORKERS, e.countyPath(), e.period(), CriteriaJson.write(e.criteria()),
                e.workers(), e.openedBy(), e.openedAt());
    }

    @EventHandler
    void on(HouseholdRoundOpened e) {
        round(e.roundId(), RoundKind.HOUSEHOLDS, e.countyPath(), e.period(), CriteriaJson.write(e.criteria()),
                e.households(), e.openedBy(), e.openedAt());
    }

    @EventHandler
    void on(WorkersScored e) {
        String period = period(e.roundId());
        for (WorkerScore s : e.scores()) {
            WorkerFacts f = s.facts();
            sql.update("""
                    INSERT INTO rating_result_view (round_id, subject, kind, period, name, region_path, grid_id,
                      reports, confirmed, average_delay, found_wrong, households, participants, c_confirmed,
                      c_participation, c_timeliness, c_accuracy, score, stars)
                    VALUES (?, ?, 'GRID_WORKERS', ?, ?, coalesce((SELECT path FROM region WHERE id = ?), ?), ?, ?, ?,
                      ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", e.roundId().value(), f.worker(), period, f.name(), f.gridId(),
                    f.gridPath(), f.gridId(), f.reports(), f.confirmed(), f.averageDelayDays(), f.foundWrong(),
                    f.households(), f.participants(), nullable(s.confirmedScore()), nullable(s.participationScore()),
                    nullable(s.timelinessScore()), nullable(s.accuracyScore()), s.score(), s.stars());
        }
    }

    @EventHandler
    void on(HouseholdsRated e) {
        String period = period(e.roundId());
        for (HouseholdStars s : e.households()) {
            HouseholdFacts f = s.facts();
            List<Long> p = f.categoryPoints();
            sql.update("""
                    INSERT INTO rating_result_view (round_id, subject, kind, period, name, region_path, pts_material,
                      pts_political, pts_spiritual, pts_social, pts_ecological, penalised, earned, qualifying, score,
                      stars)
                    VALUES (?, ?, 'HOUSEHOLDS', ?, ?, coalesce((SELECT region_path FROM household WHERE id = ?), ?), ?,
                      ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", e.roundId().value(), f.householdId(), period, f.name(), f.householdId(),
                    f.gridPath(),
                    p.get(0), p.get(1), p.get(2), p.get(3), p.get(4), f.penalised(), f.earned(), s.qualifying(),
                    s.stars(), s.stars());
        }
    }

    @EventHandler
    void on(TownshipScoreGiven e, @MessageIdentifier String eventId) {
        sql.update("UPDATE rating_result_view SET c_township = ?, score = ?, stars = ? WHERE round_id = ? AND subject = ?",
                e.townshipScore(), e.scoreAfter(), e.starsAfter(), e.roundId().value(), e.worker());
        change(eventId, e.roundId(), e.worker(), "TOWNSHIP", e.scoreBefore(), e.scoreAfter(), e.starsBefore(),
                e.starsAfter(), "", e.givenBy(), e.givenAt());
    }

    @EventHandler
    void on(ResultAdjusted e, @MessageIdentifier String eventId) {
        sql.update("""
                UPDATE rating_result_view SET score = ?, stars = ?, adjusted = true WHERE round_id = ? AND subject = ?""",
                e.scoreAfter(), e.starsAfter(), e.roundId().value(), e.subject());
        change(eventId, e.roundId(), e.subject(), "ADJUSTED", e.scoreBefore(), e.scoreAfter(), e.starsBefore(),
                e.starsAfter(), e.reason(), e.adjustedBy(), e.adjustedAt());
    }

    @EventHandler
    void on(RoundPublished e, @MessageIdentifier String eventId) {
        sql.update("""
                UPDATE rating_round_view SET status = 'PUBLISHED', published_by = ?, published_at = ?, appeal_ends = ?
                WHERE round_id = ?""", e.publishedBy(), e.publishedAt(), e.appealEnds(), e.roundId().value());
        change(eventId, e.roundId(), "", "PUBLISHED", null, null, null, null, "", e.publishedBy(), e.publishedAt());
    }

    @EventHandler
    void on(WorkerFlaggedForReplacement e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        sql.update("UPDATE rating_result_view SET flagged = true WHERE round_id = ? AND subject = ?",
                e.roundId().value(), e.worker());
        change(eventId, e.roundId(), e.worker(), "FLAGGED", null, null, e.previousStars(), e.stars(), "", "", at);
    }

    @EventHandler
    void on(ReplacementFlagLifted e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        sql.update("UPDATE rating_result_view SET flagged = false WHERE round_id = ? AND subject = ?",
                e.roundId().value(), e.worker());
        change(eventId, e.roundId(), e.worker(), "UNFLAGGED", null, null, null, e.stars(), "", "", at);
    }

    @EventHandler
    void on(AppealLodged e, @MessageIdentifier String eventId) {
        sql.update("""
                UPDATE rating_result_view SET appeal = 'PENDING', appeal_reason = ? WHERE round_id = ? AND subject = ?""",
                e.reason(), e.roundId().value(), e.worker());
        change(eventId, e.roundId(), e.worker(), "APPEAL", null, null, null, null, e.reason(), e.worker(),
                e.lodgedAt());
    }

    @EventHandler
    void on(AppealDecided e, @MessageIdentifier String eventId) {
        sql.update("""
                UPDATE rating_result_view SET appeal = ?, appeal_decision = ?, score = ?, stars = ?
                WHERE round_id = ? AND subject = ?""", e.upheld() ? "UPHELD" : "DISMISSED", e.reason(),
                e.scoreAfter(), e.starsAfter(), e.roundId().value(), e.worker());
        change(eventId, e.roundId(), e.worker(), e.upheld() ? "UPHELD" : "DISMISSED", e.scoreBefore(),
                e.scoreAfter(), e.starsBefore(), e.starsAfter(), e.reason(), e.decidedBy(), e.decidedAt());
    }

    @EventHandler
    void on(RoundClosed e, @MessageIdentifier String eventId) {
        sql.update("UPDATE rating_round_view SET status = 'CLOSED', closed_at = ? WHERE round_id = ?",
                e.closedAt(), e.roundId().value());
        change(eventId, e.roundId(), "", "CLOSED", null, null, null, null, "", e.closedBy(), e.closedAt());
    }

    @ResetHandler
    void reset() {
        tables.empty("rating_round_view", "rating_result_view", "rating_change_view");
    }

    private void round(RatingRoundId id, RoundKind kind, String countyPath, String period, String criteria,
                       int subjects, String openedBy, Instant openedAt) {
        sql.update("""
                INSERT INTO rating_round_view (round_id, kind, county_path, period, status, criteria, subjects,
                  opened_by, opened_at)
                VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?) ON CONFLICT DO NOTHING""", id.value(), kind.name(),
                countyPath, period, criteria, subjects, openedBy, openedAt);
    }

    private String period(RatingRoundId id) {
        return sql.one("SELECT period FROM rating_round_view WHERE round_id = ?", rs -> rs.getString(1), id.value())
                .orElseThrow(() -> new IllegalStateException("round " + id + " scored before it was opened"));
    }

    private void change(String eventId, RatingRoundId round, String subject, String change, Integer scoreBefore,
                        Integer scoreAfter, Integer starsBefore, Integer starsAfter, String reason, String by,
                        Instant at) {
        sql.update("""
                INSERT INTO rating_change_view (event_id, round_id, subject, change, score_before, score_after,
                  stars_before, stars_after, reason, changed_by, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", eventId, round.value(), subject,
                change, nullable(scoreBefore), nullable(scoreAfter), nullable(starsBefore), nullable(starsAfter),
                reason == null ? "" : reason, by == null ? "" : by, at);
    }

    private static Object nullable(Integer value) {
        return value == null ? SqlRows.NULL_INT : value;
    }
}
