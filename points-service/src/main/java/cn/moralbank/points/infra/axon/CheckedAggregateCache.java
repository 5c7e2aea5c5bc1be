package cn.moralbank.points.infra.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.transaction.SynchronousTransactionManager;
import io.micronaut.transaction.support.TransactionSynchronization;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.Objects;

/**
 * The aggregates of one type kept in memory between commands, each checked against the event store before it is
 * used: Axon's caching repository asks {@link #get} inside the command's transaction, and a cached aggregate is
 * answered only when the store's last sequence number for it is the version the cached copy has reached. One
 * indexed lookup instead of reading a snapshot and the events after it.
 *
 * <p>Why the check: a cache that trusts itself is wrong in two cases this product has. A commit that a cut
 * connection lost can leave a cached copy one event ahead of the store (the next command then appended after an
 * event that was never stored: a hole and a wrong balance; docs/reliability.md); and a second application node
 * appends behind this node's back. Either way the versions differ, the copy is dropped and the aggregate is loaded
 * from the store. What happens between the check and the append is caught by the store's unique (aggregate,
 * sequence) key, as without a cache.
 *
 * <p>Bounded by count (least recently used go first), so a county's hundred thousand accounts do not all stay.
 */
final class CheckedAggregateCache implements Cache {
    private static final Logger LOG = LoggerFactory.getLogger(CheckedAggregateCache.class);
    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;
    private final EventStorageEngine store;
    private final SynchronousTransactionManager<Connection> transactions;

    CheckedAggregateCache(EventStorageEngine store, long maximumSize,
                          SynchronousTransactionManager<Connection> transactions) {
        this.store = store;
        this.transactions = transactions;
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.getIfPresent(key);
        if (value == null) {
            return null;
        }
        if (value instanceof AggregateCacheEntry<?> entry) {
            // an entry made in this JVM keeps the aggregate it was made from, and hands it back without rebuilding
            EventSourcedAggregate<?> aggregate = entry.recreateAggregate(null, null, null, null);
            Long cached = aggregate == null ? null : aggregate.version();
            Long stored = store.lastSequenceNumberFor(key.toString()).orElse(null);
            if (cached != null && Objects.equals(cached, stored)) {
                return (V) value;
            }
            if (cached != null && stored != null && cached > stored) {
                LOG.warn("Cached {} was at event {} but the store holds {}: a commit was lost; loading it again",
                        key, cached, stored);
            } else {
                LOG.debug("Cached {} was at event {}, the store at {}: loading it again", key, cached, stored);
            }
        }
        entries.invalidate(key);
        return null;
    }

    /**
     * Keeps the copy, and forgets it if the database transaction it was saved in does not commit. Axon forgets a copy
     * when the command's own unit of work rolls back; a command sent inside a caller's transaction (a merge, an
     * import, a checkout) has committed its unit of work when the caller's transaction rolls back, and the copy would
     * keep the events the rollback took away. Once another node had appended as many, the check in {@link #get}
     * would pass it (CheckedAggregateCacheTest: a debit against points that were never stored).
     */
    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
        transactions.findTransactionStatus().filter(status -> !status.isCompleted())
                .ifPresent(status -> status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(Status outcome) {
                        if (outcome != Status.COMMITTED) {
                            entries.invalidate(key);
                        }
                    }
                }));
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.getIfPresent(key) != null;
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        // nothing here listens: the repository only reads, puts and removes
        return () -> true;
    }
}
