package cn.moralbank.points.deed;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The repositories of the deed read models; they only read: {@link DeedViewWrites} writes them. */
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

        /** Posted or confirmed deeds whose objection period has ended: what the objection-period process settles. */
        @Query("""
                SELECT * FROM deed_view WHERE status IN ('POSTED', 'CONFIRMED') AND period_ends <= :now
                AND NOT EXISTS (SELECT 1 FROM deed_settlement_set_aside a
                                WHERE a.deed_id = deed_view.deed_id AND a.attempts >= :attempts)
                ORDER BY period_ends LIMIT :limit""")
        /** Due deeds, oldest first, but none the job has failed on {@code attempts} times (set aside). */
        List<DeedView> due(Instant now, int limit, int attempts);

        List<DeedView> findBySessionId(String sessionId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Votes extends CrudRepository<VoteView, String> {
        List<VoteView> findBySessionIdOrderByCastAt(String sessionId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Sessions extends CrudRepository<SessionView, String> {
        List<SessionView> findByVillageIdOrderByHeldOnDesc(long villageId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Items extends CrudRepository<SessionItem, String> {
        List<SessionItem> findBySessionId(String sessionId);
    }
}
