package cn.moralbank.points.infra.axon;

import jakarta.inject.Singleton;

/**
 * Which streaming processor handles a projection (a processing group). By default one live processor,
 * {@value #LIVE}, handles every projection: it reads each event once and commits each batch's rows of every
 * projection and its token in one transaction (docs/adr/0008-one-live-processor.md). With
 * {@code moralbank.axon.processor-per-projection=true} each projection has a processor of its own, named after it,
 * as before. Each projection keeps its own dead-letter queue either way (Axon's dead-lettering invoker is per
 * processing group).
 */
@Singleton
public final class ProjectionProcessors {
    /** The one live processor of every streaming projection. */
    public static final String LIVE = "projections";

    private final boolean perProjection;

    public ProjectionProcessors(AxonSettings settings) {
        this(settings.processorPerProjection());
    }

    ProjectionProcessors(boolean perProjection) {
        this.perProjection = perProjection;
    }

    /** The live processor that handles the projection {@code group}. */
    public String processorOf(String group) {
        return processorOf(group, perProjection);
    }

    public static String processorOf(String group, boolean perProjection) {
        return perProjection ? group : LIVE;
    }

    public boolean perProjection() {
        return perProjection;
    }
}
