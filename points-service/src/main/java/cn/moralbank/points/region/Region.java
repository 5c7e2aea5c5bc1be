package cn.moralbank.points.region;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A county, township, village or grid. {@code path} is the chain of codes from the county down, e.g.
 * {@code /130826/130826100/130826100201/}: a person's scope covers every region whose path starts with theirs.
 */
@Serdeable
@MappedEntity("region")
public record Region(@Id @GeneratedValue Long id, @Nullable Long parentId, RegionLevel level, String code, String name,
                     String path) {

    public boolean contains(Region other) {
        return other.path.startsWith(path);
    }
}
