package cn.moralbank.points.deed;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.deed.api.PhotoId;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.ledger.api.HouseholdId;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Photos of deeds, uploaded before the report that carries them. Stored in PostgreSQL after two checks: size
 * ({@code moralbank.deeds.photo-max-bytes}, 5 MB by default) and type from the bytes themselves (JPEG, PNG, WebP).
 * A photo belongs to the household it was taken for; only those who may see that household see it.
 */
@Singleton
public class DeedPhotos {
    /** Photos one person may upload in a day: a grid worker's busiest day is a handful of deeds of 3 photos. */
    static final int PER_REPORTER_PER_DAY = 60;
    /** Photos of one household uploaded and not (yet) part of a report. */
    static final int UNATTACHED_PER_HOUSEHOLD = 12;
    /** An uploaded photo no report took within this long is deleted ({@link #deleteUnattached}). */
    static final Duration KEEP_UNATTACHED = Duration.ofDays(1);

    private final Rows rows;
    private final VillageScope scope;
    private final DeedSettings settings;
    private final Clock clock;

    DeedPhotos(Rows rows, VillageScope scope, DeedSettings settings, Clock clock) {
        this.rows = rows;
        this.scope = scope;
        this.settings = settings;
        this.clock = clock;
    }

    /** Stores a photo for a household the actor may report for; refuses oversize and non-image files. */
    public PhotoId upload(Actor actor, HouseholdId householdId, byte[] data) {
        Household household = scope.reportable(actor, householdId);
        if (data == null || data.length == 0) {
            throw new BadInput("photo.empty");
        }
        if (data.length > settings.photoMaxBytes()) {
            throw new BadInput("photo.too-large", data.length, settings.photoMaxBytes());
        }
        ImageType type = ImageType.of(data).orElseThrow(() -> new BadInput("photo.not-an-image"));
        Instant since = clock.instant().minus(Duration.ofDays(1));
        if (rows.uploadedBySince(actor.userId(), since) >= PER_REPORTER_PER_DAY) {
            throw new BadInput("photo.quota.reporter", PER_REPORTER_PER_DAY);
        }
        if (rows.unattachedOf(household.id()) >= UNATTACHED_PER_HOUSEHOLD) {
            throw new BadInput("photo.quota.household", UNATTACHED_PER_HOUSEHOLD);
        }
        PhotoId id = PhotoId.newId();
        rows.save(new Row(id.value(), household.id(), household.regionPath(), type.contentType, data.length, data,
                actor.userId(), clock.instant()));
        return id;
    }

    /** The photo, if the actor may see its household. */
    public Photo read(Actor actor, PhotoId id) {
        Row row = rows.findById(id.value()).orElseThrow(() -> new NotFound("photo.not-found", id.value()));
        scope.visibleHousehold(actor, new HouseholdId(row.householdId()));
        return new Photo(id, row.contentType(), row.data());
    }

    /** The photos a report names: each stored, each of the reported household, not too many. */
    List<PhotoId> attachable(Household household, List<PhotoId> photos) {
        List<PhotoId> distinct = photos == null ? List.of() : List.copyOf(new LinkedHashSet<>(photos));
        if (distinct.size() > settings.photosPerDeed()) {
            throw new BadInput("photo.too-many", settings.photosPerDeed());
        }
        for (PhotoId photo : distinct) {
            if (!rows.ofHousehold(photo.value(), household.id())) {
                throw new BadInput("photo.unknown", photo.value());
            }
        }
        return distinct;
    }

    /** Deletes the photos no deed carries that were uploaded longer ago than a day; answers how many. */
    public int deleteUnattached() {
        return rows.deleteUnattachedBefore(clock.instant().minus(KEEP_UNATTACHED));
    }

    @MappedEntity("deed_photo")
    record Row(@Id String id, String householdId, String regionPath, String contentType, int sizeBytes, byte[] data,
               String uploadedBy, Instant uploadedAt) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Rows extends CrudRepository<Row, String> {
        @Query("SELECT count(*) > 0 FROM deed_photo WHERE id = :id AND household_id = :householdId")
        boolean ofHousehold(String id, String householdId);

        @Query("SELECT count(*) FROM deed_photo WHERE uploaded_by = :userId AND uploaded_at > :since")
        long uploadedBySince(String userId, Instant since);

        // a photo is attached when a report names it: the deed view holds the report's photo ids, comma-separated
        @Query("""
                SELECT count(*) FROM deed_photo p WHERE p.household_id = :householdId AND NOT EXISTS (
                    SELECT 1 FROM deed_view d WHERE d.household_id = p.household_id
                    AND p.id = ANY (string_to_array(d.photo_ids, ',')))""")
        long unattachedOf(String householdId);

        @Query("""
                DELETE FROM deed_photo p WHERE p.uploaded_at < :before AND NOT EXISTS (
                    SELECT 1 FROM deed_view d WHERE d.household_id = p.household_id
                    AND p.id = ANY (string_to_array(d.photo_ids, ',')))""")
        int deleteUnattachedBefore(Instant before);
    }
}
