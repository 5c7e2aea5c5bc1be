package cn.moralbank.points.region;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RegionTotalsRepository extends GenericRepository<RegionTotals, Long> {

    /** Each child of a region with the households under it and the points they hold (from the balance read model). */
    @Query("""
            SELECT r.id, r.code, r.name, r.path, r.level,
                   count(h.id) AS households, coalesce(sum(b.balance), 0) AS points_held
            FROM region r
            LEFT JOIN household h ON h.region_path LIKE r.path || '%'
            LEFT JOIN account_balance b ON b.household_id = h.id
            WHERE r.parent_id = :parentId
            GROUP BY r.id, r.code, r.name, r.path, r.level
            ORDER BY r.code""")
    List<RegionTotals> childrenOf(Long parentId);
}
