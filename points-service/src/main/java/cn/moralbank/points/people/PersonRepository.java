package cn.moralbank.points.people;

import cn.moralbank.points.access.Role;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PersonRepository extends CrudRepository<Person, Long> {
    Optional<Person> findByUsername(String username);

    List<Person> findByRoleAndRegionId(Role role, Long regionId);

    List<String> findUsernameByActiveFalse();
}
