package cn.moralbank.points.deed;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes, every hour, the deed photos that were uploaded more than a day ago and that no report took: uploading
 * and never reporting must not fill the database (issue 14). Idempotent, so several nodes may run it. Off with
 * {@code moralbank.deeds.photo-cleanup.enabled=false}.
 */
@Singleton
@Requires(property = "moralbank.deeds.photo-cleanup.enabled", notEquals = "false")
class UnattachedPhotosJob {
    private static final Logger LOG = LoggerFactory.getLogger(UnattachedPhotosJob.class);
    private final DeedPhotos photos;

    UnattachedPhotosJob(DeedPhotos photos) {
        this.photos = photos;
    }

    @Scheduled(initialDelay = "${moralbank.deeds.photo-cleanup.first-run:5m}",
            fixedDelay = "${moralbank.deeds.photo-cleanup.interval:1h}")
    void run() {
        try {
            int deleted = photos.deleteUnattached();
            if (deleted > 0) {
                LOG.info("{} photos uploaded more than a day ago and never reported deleted", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("photo cleanup failed, retried at the next run: {}", e.toString());
        }
    }
}
