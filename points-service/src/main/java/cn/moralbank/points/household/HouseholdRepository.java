package cn.moralbank.points.household;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface HouseholdRepository extends CrudRepository<Household, String> {

    Optional<Household> findByCardNumber(String cardNumber);

    boolean existsByCardNumber(String cardNumber);

    List<Household> findByCardNumberIn(List<String> cardNumbers);

    List<Household> findByGridIdInAndHeadNameIn(List<Long> gridIds, List<String> headNames);

    @Query(value = """
            SELECT * FROM household
            WHERE region_path LIKE :pathPrefix || '%'
              AND (:search = '' OR head_name LIKE '%' || :search || '%' OR card_number LIKE :search || '%')
            ORDER BY region_path, card_number""",
            countQuery = """
            SELECT count(*) FROM household
            WHERE region_path LIKE :pathPrefix || '%'
              AND (:search = '' OR head_name LIKE '%' || :search || '%' OR card_number LIKE :search || '%')""")
    Page<Household> search(String pathPrefix, String search, Pageable pageable);

    /** Card prefixes are digits only (see CardNumbers), so they need no LIKE escaping. */
    @Query("SELECT card_number FROM household WHERE card_number LIKE :prefix || '%'")
    List<String> findCardNumbersStartingWith(String prefix);

    @Query("SELECT * FROM household WHERE region_path LIKE :pathPrefix || '%' ORDER BY region_path, card_number")
    List<Household> findAllUnder(String pathPrefix);

    /** Sets the PIN only if the household has none (1), else leaves it (0): two first-PIN prints never both set it. */
    @Query("UPDATE household SET pin_hash = :pinHash WHERE id = :id AND pin_hash IS NULL")
    int setPinIfNone(String id, String pinHash);

    /**
     * The household's row, locked until the transaction ends: every change of a household reads it so, then writes it
     * whole, so two changes at once (a merge and a status, a PIN and an edit) never write over each other.
     */
    @Query("SELECT * FROM household WHERE id = :id FOR UPDATE")
    Optional<Household> findByIdForUpdate(String id);

    /** The households an import file registered (by its key, see HouseholdImport), in the order of the file. */
    @Query("""
            SELECT h.* FROM household h JOIN household_import_line l ON l.household_id = h.id
            WHERE l.import_key = :importKey ORDER BY l.line""")
    List<Household> findImported(String importKey);

    /** 合户: records which household this one was merged into (its status is set to MERGED in the same transaction). */
    @Query("INSERT INTO household_merge (household_id, merged_into) VALUES (:id, :into)")
    void recordMerge(String id, String into);

    /** The household this one was merged into, if it was. */
    @Query("SELECT merged_into FROM household_merge WHERE household_id = :id")
    Optional<String> findMergedInto(String id);
}
