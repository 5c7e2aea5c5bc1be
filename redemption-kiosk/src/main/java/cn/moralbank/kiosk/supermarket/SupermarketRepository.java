package cn.moralbank.kiosk.supermarket;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SupermarketRepository extends CrudRepository<Supermarket, Long> {

    @Query("SELECT * FROM supermarket WHERE region_path LIKE :pathPrefix || '%' ORDER BY region_path, name")
    List<Supermarket> findAllUnder(String pathPrefix);

    /** Supermarkets whose region contains the given path: the ones serving a village's households. */
    @Query("SELECT * FROM supermarket WHERE :path LIKE region_path || '%' AND active ORDER BY region_path DESC")
    List<Supermarket> serving(String path);
}
