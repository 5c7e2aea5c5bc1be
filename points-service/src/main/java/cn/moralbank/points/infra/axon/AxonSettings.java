package cn.moralbank.points.infra.axon;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Tuning of the ledger's Axon set-up ({@code moralbank.axon.*}, or MORALBANK_AXON_* environment variables).
 *
 * @param snapshotThreshold   events of one aggregate between snapshots
 * @param cacheSize           aggregates of each type kept in memory between commands (each checked against the
 *                            event store before use, see CheckedAggregateCache); 0 for none, so that every
 *                            command loads its aggregate from the store
 * @param segments            segments of each streaming processor (the unit of parallel replay and of sharing
 *                            between application nodes)
 * @param maxClaimedSegments  segments of each processor one node claims at most: with several nodes, segments /
 *                            nodes spreads the projections; a segment a dead node held is claimed by another
 * @param batchSize           events per transaction of a projection
 * @param commandRetries      retries of a command that lost a concurrency race
 * @param commandRetryMillis  pause between those retries
 * @param commandTimeoutMillis longest a caller waits for a ledger command's answer (retries included); past it the
 *                            caller is told to try again, so a lost answer never holds a request thread for ever
 * @param rebuildAll          set by the {@code replay} command with no projection named: every projection is
 *                            rebuilt by one processor ({@value ProjectionReplay#REBUILD}) reading the event store
 *                            once, instead of each projection reading all of it
 * @param rebuildBatchSize    events per transaction while rebuilding everything
 * @param rebuildSegments     segments while rebuilding everything, each a thread of the rebuild's tracking processor
 *                            that reads the store itself and handles its own segment's events. Few: the projections
 *                            send each batch's writes together, so there is little waiting to overlap (the default
 *                            was measured against others: docs/performance.md)
 * @param processorPerProjection each streaming projection in a pooled processor of its own, named after it; by
 *                            default one processor, {@value ProjectionProcessors#LIVE}, handles every
 *                            projection, reading each event once and committing one transaction per batch for all
 *                            of them (docs/adr/0008-one-live-processor.md). Switching either way hands the tokens over
 *                            at the next start (ProjectionHandOver)
 * @param pollMillis          how often the event store's reader looks for new events when no commit woke it: the
 *                            longest an event waits when the wake-up that should have told of it came too early
 *                            (before an earlier transaction that held it back had finished, ADR 0007)
 */
@ConfigurationProperties("moralbank.axon")
public record AxonSettings(
        @Bindable(defaultValue = "100") int snapshotThreshold,
        @Bindable(defaultValue = "10000") int cacheSize,
        @Bindable(defaultValue = "4") int segments,
        @Bindable(defaultValue = "4") int maxClaimedSegments,
        @Bindable(defaultValue = "100") int batchSize,
        @Bindable(defaultValue = "10") int commandRetries,
        @Bindable(defaultValue = "20") int commandRetryMillis,
        @Bindable(defaultValue = "30000") int commandTimeoutMillis,
        @Bindable(defaultValue = "false") boolean rebuildAll,
        @Bindable(defaultValue = "1000") int rebuildBatchSize,
        @Bindable(defaultValue = "2") int rebuildSegments,
        @Bindable(defaultValue = "false") boolean processorPerProjection,
        @Bindable(defaultValue = "500") int pollMillis) {
}
