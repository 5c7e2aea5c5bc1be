package cn.moralbank.points.household;

import cn.moralbank.points.region.Region;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Settings each county chooses: the base score (基础分) and the objection period (公示期) in days. */
@Singleton
public class CountySettings {
    private final Repository settings;

    CountySettings(Repository settings) {
        this.settings = settings;
    }

    public long baseScore(Region anyRegionOfCounty) {
        return of(anyRegionOfCounty).map(Setting::baseScore).orElse(0L);
    }

    public int objectionDays(Region anyRegionOfCounty) {
        return of(anyRegionOfCounty).map(Setting::objectionDays).orElse(7);
    }

    public Optional<Setting> of(Region anyRegionOfCounty) {
        return settings.findForPath(anyRegionOfCounty.path());
    }

    public void save(Region county, long baseScore, int objectionDays) {
        Setting setting = new Setting(county.id(), baseScore, objectionDays);
        if (settings.existsById(county.id())) {
            settings.update(setting);
        } else {
            settings.save(setting);
        }
    }

    @MappedEntity("county_settings")
    public record Setting(@Id Long countyId, long baseScore, int objectionDays) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Repository extends CrudRepository<Setting, Long> {
        @Query("""
                SELECT s.* FROM county_settings s JOIN region r ON r.id = s.county_id
                WHERE :path LIKE r.path || '%'""")
        Optional<Setting> findForPath(String path);
    }
}
