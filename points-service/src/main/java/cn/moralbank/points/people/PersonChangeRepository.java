package cn.moralbank.points.people;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PersonChangeRepository extends CrudRepository<PersonChange, Long> {
    /** A person's changes, newest first. */
    @Query(
            "SELECT * FROM person_change WHERE username = :username ORDER BY changed_at DESC, id DESC")
    List<PersonChange> history(String username);
}
