package cn.moralbank.kiosk.supermarket;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/**
 * The kiosk's read-only view of a person: only which supermarket they work for. The people registry belongs to
 * points-service; the kiosk reads the one column it needs rather than reaching for that module's repository.
 */
@MappedEntity("person")
record TillPerson(@Id Long id, String username, @Nullable Long supermarketId, boolean active) {

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Lookup extends GenericRepository<TillPerson, Long> {
        Optional<TillPerson> findByUsername(String username);
    }
}
