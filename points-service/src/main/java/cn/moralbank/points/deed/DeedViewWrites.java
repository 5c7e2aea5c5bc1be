package cn.moralbank.points.deed;

import cn.moralbank.points.common.BatchedStatements;
import jakarta.inject.Singleton;

import java.time.Instant;
import cn.moralbank.points.deed.api.DeedStatus;
import cn.moralbank.points.deed.api.VoteChoice;

/**
 * The writes of {@link DeedViews}, sent when the processor's batch commits ({@link BatchedStatements}). Every write
 * is keyed by its deed (or session), so one deed's writes keep their order and a batch's many votes, reports and
 * status changes each go to PostgreSQL together.
 */
@Singleton
class DeedViewWrites {
    private final BatchedStatements statements;

    DeedViewWrites(BatchedStatements statements) {
        this.statements = statements;
    }

    /**
     * The village an event names, as it is now: the one it was merged into (合村并居, followed on), or itself. Rows
     * written from events older than a merge land where {@link DeedsFollowMerge} moved the others, replay or not.
     */
    private static final String VILLAGE_NOW = """
            WITH RECURSIVE place (id, path, merged_into, depth) AS (
                SELECT id, path, merged_into, 0 FROM region WHERE id = ?
              UNION ALL
                SELECT r.id, r.path, r.merged_into, place.depth + 1 FROM region r JOIN place ON r.id = place.merged_into
                WHERE place.depth < 20),
            village_now (id, path) AS (SELECT id, path FROM place ORDER BY depth DESC LIMIT 1)
            """;

    void reported(DeedView d) {
        statements.add(DeedViews.NAME, d.deedId(), VILLAGE_NOW + """
                        INSERT INTO deed_view (deed_id, household_id, household_name, village_id, village_path, rule_id,
                          rule_version, rule_code, rule_name, category, points, deed_date, description, photo_ids,
                          witness, reported_by, reporter_role, reported_at, status, session_id, posted_at,
                          period_ends, objections, last_objection, entry_id, updated_at)
                        SELECT ?, ?, ?, coalesce((SELECT id FROM village_now), ?),
                          coalesce((SELECT path FROM village_now), ?),
                          ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?""",
                d.villageId(),
                d.deedId(), d.householdId(), d.householdName(), d.villageId(), d.villagePath(), d.ruleId(),
                d.ruleVersion(), d.ruleCode(), d.ruleName(), d.category(), d.points(), d.deedDate(),
                d.description(), d.photoIds(), d.witness(), d.reportedBy(), d.reporterRole(), d.reportedAt(),
                d.status(), d.sessionId(), d.postedAt(), d.periodEnds(), d.objections(), d.lastObjection(),
                d.entryId(), d.updatedAt());
    }

    /** Puts the deed on a session's agenda, with an item carrying the deed's points as they are then. */
    void onAgenda(String deedId, String sessionId, Instant at) {
        statements.add(DeedViews.NAME, deedId, """
                UPDATE deed_view SET status = ?, session_id = ?, updated_at = ? WHERE deed_id = ?""",
                DeedStatus.UNDER_REVIEW, sessionId, at, deedId);
        statements.add(DeedViews.NAME, deedId, """
                INSERT INTO review_session_item (item_id, session_id, deed_id, outcome, points)
                SELECT ?, ?, ?, ?, coalesce((SELECT points FROM deed_view WHERE deed_id = ?), 0)""",
                SessionItem.idOf(sessionId, deedId), sessionId, deedId, DeedStatus.UNDER_REVIEW, deedId);
    }

    void vote(String eventId, String deedId, String sessionId, String voter, VoteChoice choice, String comment,
              Instant castAt) {
        statements.add(DeedViews.NAME, deedId, """
                INSERT INTO deed_vote (event_id, deed_id, session_id, voter, choice, comment, cast_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", eventId, deedId, sessionId, voter, choice, comment, castAt);
    }

    void points(String deedId, String sessionId, long points, Instant at) {
        statements.add(DeedViews.NAME, deedId, "UPDATE deed_view SET points = ?, updated_at = ? WHERE deed_id = ?",
                points, at, deedId);
        statements.add(DeedViews.NAME, deedId, "UPDATE review_session_item SET points = ? WHERE item_id = ?",
                points, SessionItem.idOf(sessionId, deedId));
    }

    /** The session's decision on the deed; points null keeps the item's points. */
    void decided(String deedId, String sessionId, String outcome, int approvals, int rejections, int abstentions,
                 Instant at, Long points) {
        statements.add(DeedViews.NAME, deedId, """
                UPDATE review_session_item SET outcome = ?, approvals = ?, rejections = ?, abstentions = ?,
                  decided_at = ?, points = coalesce(?::bigint, points)
                WHERE item_id = ?""", outcome, approvals, rejections, abstentions, at, points,
                SessionItem.idOf(sessionId, deedId));
    }

    void leftReview(String deedId, String outcome, Instant at) {
        statements.add(DeedViews.NAME, deedId, """
                UPDATE review_session_item SET outcome = ?, decided_at = ?
                WHERE deed_id = ? AND outcome = 'UNDER_REVIEW'""", outcome, at, deedId);
    }

    void posted(String deedId, long points, Instant postedAt, Instant periodEnds) {
        statements.add(DeedViews.NAME, deedId, """
                UPDATE deed_view SET status = 'POSTED', posted_at = ?, period_ends = ?, points = ?, updated_at = ?
                WHERE deed_id = ?""", postedAt, periodEnds, points, postedAt, deedId);
    }

    void status(String deedId, DeedStatus status, Instant at) {
        statements.add(DeedViews.NAME, deedId, "UPDATE deed_view SET status = ?, updated_at = ? WHERE deed_id = ?",
                status, at, deedId);
    }

    void objected(String deedId, String reason, Instant at) {
        statements.add(DeedViews.NAME, deedId, """
                UPDATE deed_view SET status = 'PENDING', objections = objections + 1, last_objection = ?,
                  period_ends = NULL, updated_at = ?
                WHERE deed_id = ?""", reason, at, deedId);
    }

    void credited(String deedId, String entryId, Instant at) {
        statements.add(DeedViews.NAME, deedId, """
                UPDATE deed_view SET status = 'CREDITED', entry_id = ?, updated_at = ? WHERE deed_id = ?""",
                entryId, at, deedId);
    }

    void sessionPrepared(SessionView s) {
        statements.add(DeedViews.NAME, s.sessionId(), VILLAGE_NOW + """
                INSERT INTO review_session_view (session_id, village_id, village_path, title, held_on, committee,
                  objection_days, agenda_size, status, prepared_by, prepared_at, closed_at)
                SELECT ?, coalesce((SELECT id FROM village_now), ?), coalesce((SELECT path FROM village_now), ?),
                  ?, ?, ?, ?, ?, ?, ?, ?, ?""", s.villageId(), s.sessionId(), s.villageId(), s.villagePath(),
                s.title(), s.heldOn(), s.committee(), s.objectionDays(), s.agendaSize(), s.status(), s.preparedBy(),
                s.preparedAt(), s.closedAt());
    }

    void sessionClosed(String sessionId, Instant at) {
        statements.add(DeedViews.NAME, sessionId, """
                UPDATE review_session_view SET status = 'CLOSED', closed_at = ? WHERE session_id = ?""", at,
                sessionId);
    }
}
