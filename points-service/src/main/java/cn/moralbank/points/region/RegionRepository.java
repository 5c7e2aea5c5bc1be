package cn.moralbank.points.region;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RegionRepository extends CrudRepository<Region, Long> {
    Optional<Region> findByCode(String code);

    Optional<Region> findByPath(String path);

    List<Region> findByParentIdOrderByCode(Long parentId);

    List<Region> findByLevelAndPathLikeOrderByCode(RegionLevel level, String pathPattern);
}
