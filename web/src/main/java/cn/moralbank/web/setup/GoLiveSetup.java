package cn.moralbank.web.setup;

import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.people.People;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.region.DivisionCodes;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.sql.Connection;
import java.util.Optional;

/**
 * The one-time setup of a real database: the top region (a city, or a county on its own) and its first office
 * account, in one transaction with the marker row that makes a second run refuse (setup_done allows one row: two
 * setups racing cannot both commit). A database that holds any region already (the demo, a generated county) is
 * refused too: setup is for an empty database.
 */
@Singleton
public class GoLiveSetup {
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private final TransactionOperations<Connection> transactions;
    private final SqlRows sql;
    private final Regions regions;
    private final People people;
    private final CountySettings settings;
    private final SecureRandom random = new SecureRandom();

    GoLiveSetup(TransactionOperations<Connection> transactions, SqlRows sql, Regions regions, People people,
                CountySettings settings) {
        this.transactions = transactions;
        this.sql = sql;
        this.regions = regions;
        this.people = people;
        this.settings = settings;
    }

    /** What setup made; the password only when it was generated, to be printed once. */
    public record Done(Region top, String username, String generatedPassword) {
    }

    /** Refused: the database was set up before, or holds regions already. Nothing was changed. */
    public static class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** How an earlier setup left the database, if one ran. */
    public Optional<String> earlier() {
        return sql.one("""
                SELECT r.name, r.code, s.first_user, s.done_at FROM setup_done s JOIN region r ON r.id = s.top_region""",
                rs -> rs.getString(1) + " (" + rs.getString(2) + "), first account " + rs.getString(3) + ", on "
                        + rs.getTimestamp(4).toInstant());
    }

    public Done run(SetupOptions options) {
        return transactions.executeWrite(status -> {
            Optional<String> earlier = earlier();
            if (earlier.isPresent()) {
                throw new Refused("这个数据库已经初始化过了，setup 只能运行一次；没有做任何改动。\n"
                        + "This database was set up already: " + earlier.get() + ". Setup runs once; nothing was "
                        + "changed. Sign in with that account and add regions and people on the pages.");
            }
            if (sql.count("SELECT count(*) FROM region") > 0) {
                throw new Refused("这个数据库里已经有区划（例如演示县），setup 只用于空数据库；没有做任何改动。\n"
                        + "This database holds regions already (the demo county, a generated county?): setup is for "
                        + "an empty database. Nothing was changed.");
            }
            DivisionCodes.check(options.level(), options.code(), null);
            Region top = options.level() == RegionLevel.CITY
                    ? regions.createCity(options.code(), options.name())
                    : regions.createCounty(options.code(), options.name());
            if (top.level() == RegionLevel.COUNTY) {
                settings.save(top, 0, 7);
            }
            String password = options.password() != null ? options.password() : generatedPassword();
            String displayName = options.displayName() != null && !options.displayName().isBlank()
                    ? options.displayName() : options.name() + "文明办";
            people.create(options.username(), displayName, password,
                    top.level() == RegionLevel.CITY ? Role.CITY_OFFICE : Role.COUNTY_OFFICE, top.id(), null, null);
            sql.update("INSERT INTO setup_done (id, top_region, first_user) VALUES (1, ?, ?)", top.id(),
                    options.username());
            if (options.password() == null) {
                // a password printed on a console is a temporary one: the office chooses its own at first sign-in
                sql.update("INSERT INTO person_password_reset (username, issued_by) VALUES (?, 'setup')",
                        options.username());
            }
            return new Done(top, options.username(), options.password() != null ? null : password);
        });
    }

    private String generatedPassword() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
