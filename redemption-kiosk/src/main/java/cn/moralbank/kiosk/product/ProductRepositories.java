package cn.moralbank.kiosk.product;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

final class ProductRepositories {
    private ProductRepositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Catalog extends CrudRepository<Product, Long> {
        List<Product> findBySupermarketIdOrderByName(Long supermarketId);

        List<Product> findByIdIn(Collection<Long> ids);

        boolean existsBySupermarketIdAndName(Long supermarketId, String name);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Prices extends CrudRepository<ProductPrice, Long> {
        List<ProductPrice> findByProductIdOrderByValidFromDesc(Long productId);
    }
}
