package cn.moralbank.points.deed;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The repositories of the deed read models; only {@link DeedViews} writes them. */
final class DeedViewRepositories {
    private DeedViewRepositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Deeds extends CrudRepository<DeedView, String> {

        @Query("""
                SELECT * FROM deed_view WHERE village_id = :villageId AND status IN (:statuses)
                ORDER BY reported_at""")
        List<DeedView> ofVillage(long villageId, Collection<String> statuses);

        @Query("SELECT * FROM deed_view WHERE household_id = :householdId ORDER BY deed_date DESC, reported_at DESC")
        List<DeedView> ofHousehold(String householdId);

        @Query("SELECT * FROM deed_view WHERE reported_by = :username ORDER BY reported_at DESC LIMIT :limit")
        List<DeedView> reportedBy(String username, int limit);

        @Query("""
                SELECT * FROM deed_view WHERE status = 'POSTED' AND village_id = :villageId
                ORDER BY period_ends, household_name""")
        List<DeedView> posted(long villageId);

        /** Posted or confirmed deeds whose objection period has ended: what the notice-period process settles. */
        @Query("""
                SELECT * FROM deed_view WHERE status IN ('POSTED', 'CONFIRMED') AND period_ends <= :now
                ORDER BY period_ends LIMIT :limit""")
        List<DeedView> due(Instant now, int limit);

        @Query("""
                UPDATE deed_view SET status = :status, session_id = :sessionId, updated_at = :at
                WHERE deed_id = :deedId""")
        void onAgenda(String deedId, String status, String sessionId, Instant at);

        @Query("UPDATE deed_view SET status = :status, updated_at = :at WHERE deed_id = :deedId")
        void status(String deedId, String status, Instant at);

        @Query("UPDATE deed_view SET points = :points, updated_at = :at WHERE deed_id = :deedId")
        void points(String deedId, long points, Instant at);

        @Query("""
                UPDATE deed_view SET status = 'POSTED', posted_at = :postedAt, period_ends = :periodEnds,
                  points = :points, updated_at = :postedAt
                WHERE deed_id = :deedId""")
        void posted(String deedId, long points, Instant postedAt, Instant periodEnds);

        @Query("""
                UPDATE deed_view SET status = 'PENDING', objections = objections + 1, last_objection = :reason,
                  period_ends = NULL, updated_at = :at
                WHERE deed_id = :deedId""")
        void objected(String deedId, String reason, Instant at);

        @Query("""
                UPDATE deed_view SET status = 'CREDITED', entry_id = :entryId, updated_at = :at
                WHERE deed_id = :deedId""")
        void credited(String deedId, String entryId, Instant at);

        List<DeedView> findBySessionId(String sessionId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Votes extends CrudRepository<VoteView, String> {
        List<VoteView> findBySessionIdOrderByCastAt(String sessionId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Sessions extends CrudRepository<SessionView, String> {
        List<SessionView> findByVillageIdOrderByHeldOnDesc(long villageId);

        @Query("UPDATE review_session_view SET status = 'CLOSED', closed_at = :at WHERE session_id = :sessionId")
        void closed(String sessionId, Instant at);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Items extends CrudRepository<SessionItem, String> {
        List<SessionItem> findBySessionId(String sessionId);

        @Query("""
                UPDATE review_session_item SET outcome = :outcome, approvals = :approvals, rejections = :rejections,
                  abstentions = :abstentions, decided_at = :at, points = coalesce(:points, points)
                WHERE item_id = :itemId""")
        void decided(String itemId, String outcome, int approvals, int rejections, int abstentions, Instant at,
                     @Nullable Long points);

        @Query("UPDATE review_session_item SET points = :points WHERE item_id = :itemId")
        void points(String itemId, long points);

        @Query("""
                UPDATE review_session_item SET outcome = :outcome, decided_at = :at
                WHERE deed_id = :deedId AND outcome = 'UNDER_REVIEW'""")
        void leftReview(String deedId, String outcome, Instant at);
    }
}
