package cn.moralbank.points.people;

import cn.moralbank.points.access.Role;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PersonRepository extends CrudRepository<Person, Long> {
    Optional<Person> findByUsername(String username);

    List<Person> findByRoleAndRegionId(Role role, Long regionId);

    List<Person> findByRegionId(Long regionId);

    /** People whose scope lies under the region path, of these roles (names), by username. */
    @Query("""
            SELECT p.* FROM person p JOIN region r ON r.id = p.region_id
            WHERE r.path LIKE :prefix AND p.role IN (:roles) ORDER BY p.username""")
    List<Person> findManageable(String prefix, Collection<String> roles);
}
