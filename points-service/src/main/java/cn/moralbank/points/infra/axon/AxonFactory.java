package cn.moralbank.points.infra.axon;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.AggregateType;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.CommandSideLookup;
import cn.moralbank.points.common.Projection;
import cn.moralbank.points.infra.db.SqlStates;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

/**
 * All of the ledger's Axon wiring, and the only place that knows it: JDBC event store and token store on the
 * application's PostgreSQL (tables from Flyway), Jackson for everything Axon serialises, Micronaut's transactions,
 * a command gateway that retries concurrency losses, pooled streaming processors for the projections.
 */
@Factory
class AxonFactory {

    static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    /**
     * How often a node extends its claim on a projection segment: several times within the token store's claim
     * timeout (Axon's default, 10 s), where Axon's default (5 s, looked at by an idle processor about every 5 s) left
     * a claim close to expiring before it was renewed.
     */
    static final Duration CLAIM_EXTENSION = Duration.ofSeconds(2);
    /** One thread for every gateway's command retries. */
    private static final ScheduledExecutorService RETRIES =
            Executors.newSingleThreadScheduledExecutor(daemon("axon-command-retry"));

    static final TokenSchema TOKEN_SCHEMA = TokenSchema.builder()
            .setTokenTable("token_entry")
            .setProcessorNameColumn("processor_name")
            .setSegmentColumn("segment")
            .setTokenColumn("token")
            .setTokenTypeColumn("token_type")
            .setTimestampColumn("timestamp")
            .setOwnerColumn("owner")
            .build();

    @Context
    @Bean(preDestroy = "shutdown")
    Configuration axonConfiguration(DataSource dataSource,
                                    SynchronousTransactionManager<Connection> transactions,
                                    ConnectionOperations<Connection> connections,
                                    AxonSettings settings,
                                    List<AggregateType> aggregates,
                                    List<Projection> projections,
                                    ProjectionCommits projectionCommits,
                                    MeterRegistry meters,
                                    AxonNode node) {
        Serializer serializer = jacksonSerializer();
        TransactionManager transactionManager = new MicronautTransactionManager(transactions, connections);
        ConnectionProvider connectionProvider = new MicronautConnectionProvider(connections, dataSource);

        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> transactionManager)
                .configureCorrelationDataProviders(c -> List.of(new CommandsOnly(new MessageOriginProvider()),
                        new CommandsOnly(new SimpleCorrelationDataProvider(Actor.META_USER, Actor.META_ROLE,
                                Actor.META_REGION, Actor.META_DEVICE))))
                // a component of its own, so a bulk loader (the county generator) can append through the very same
                // engine
                .registerComponent(EventStorageEngine.class, c -> new CommitOrderStorageEngine(
                        JdbcEventStorageEngine.builder()
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .schema(EVENT_SCHEMA)
                        .dataType(byte[].class)
                        .persistenceExceptionResolver(new SQLStateResolver(SqlStates.UNIQUE_VIOLATION))
                        // snapshots of an older @Revision of an aggregate are passed over, not misread
                        .snapshotFilter(c.snapshotFilter())
                        // events read per query; reading 5,000 at a time made a rebuild slower, not faster
                        // (docs/performance.md)
                        .batchSize(settings.batchSize() * 5)))
                .configureEventStore(c -> {
                    var built = new AtomicReference<WakeableEventStore>();
                    WakeableEventStore store = new WakeableEventStore(EmbeddedEventStore.builder()
                            // tells the processors' streams when new events are in the reader's cache
                            .storageEngine(new AnnouncingStorageEngine(c.getComponent(EventStorageEngine.class),
                                    () -> built.get().eventsRead()))
                            .messageMonitor(c.messageMonitor(EmbeddedEventStore.class, "eventStore"))
                            // a fallback: commits wake the reader at once (EventWakeUps)
                            .fetchDelay(settings.pollMillis())
                            // a stream that stops reading keeps every event the reader cached after its place alive
                            // until this clean-up unhooks it: Axon's 10 s let a fast reader fill the heap
                            // (docs/reliability.md, "Session 15"); each second bounds it to a tenth
                            .cleanupDelay(1000));
                    built.set(store);
                    store.registerDispatchInterceptor(new WrittenEvents());
                    c.onShutdown(store::shutDown);
                    return store;
                })
                .registerComponent(TokenStore.class, c -> JdbcTokenStore.builder()
                        .connectionProvider(connectionProvider)
                        // a name of this node's own: two nodes with one name run each other's segments (AxonNode)
                        .nodeId(node.id())
                        .serializer(serializer)
                        .schema(TOKEN_SCHEMA)
                        .contentType(byte[].class)
                        .build())
                .registerComponent(CommandGateway.class, c -> DefaultCommandGateway.builder()
                        .commandBus(c.commandBus())
                        // every text of every command checked once, before any handler (issue 14)
                        .dispatchInterceptors(new CheckedCommandText())
                        .retryScheduler(retryScheduler(settings, transactions))
                        .build());

        // Axon's own monitors on Micrometer: command latency and outcome, event store appends, and each processor's
        // latency behind the events it handles, tagged by component (docs/operations.md, "Metrics")
        // (not for the offline replay command: nothing scrapes it, and timing every event of a rebuild cost more than
        // any one projection's handlers, docs/performance.md "Replay")
        if (!settings.rebuildAll()) {
            new GlobalMetricRegistry(meters).registerWithConfigurerWithDefaultTags(configurer);
        }

        for (AggregateType aggregate : aggregates) {
            aggregate.handlerResources().forEach((type, resource) -> register(configurer, type, resource));
            // Aggregates stay in memory between commands, but each is checked against the event store before use
            // (CheckedAggregateCache): a cached copy that a lost commit left ahead of the store, or that another
            // node overtook, is dropped and loaded again from its latest snapshot and the events after it.
            AggregateConfigurer<?> repository = AggregateConfigurer.defaultConfiguration(aggregate.aggregateClass())
                    .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                            settings.snapshotThreshold()));
            if (settings.cacheSize() > 0) {
                repository.configureCache(c -> new CheckedAggregateCache(c.getComponent(EventStorageEngine.class),
                        settings.cacheSize(), transactions));
            }
            configurer.configureAggregate(repository);
        }

        // what a projection's earlier processor had handled is not handled again by the one now reading it
        ProjectionHandOver handOver = new ProjectionHandOver(
                DelegatingDataSource.unwrapDataSource(dataSource), serializer);
        TransactionManager projectionTransactions = new ProjectionTransactions(transactionManager, projectionCommits,
                connections, !settings.rebuildAll());
        DeadLetters deadLetters = new DeadLetters(connectionProvider, transactionManager, transactions,
                connections, serializer, handOver);
        configurer.registerComponent(ProjectionHandOver.class, c -> handOver);
        configurer.registerComponent(DeadLetters.class, c -> deadLetters);
        configurer.registerComponent(ProjectionTransactions.class, c -> (ProjectionTransactions) projectionTransactions);
        List<String> streamingGroups = new ArrayList<>();
        configurer.eventProcessing(processing -> {
            // the live projections commit durably (ADR 0007); an offline rebuild may not, and is run again after a crash
            processing.usingPooledStreamingEventProcessors((c, builder) -> builder
                    .transactionManager(projectionTransactions)
                    .claimExtensionThreshold(CLAIM_EXTENSION.toMillis())
                    .initialSegmentCount(settings.segments())
                    .batchSize(settings.batchSize())
                    .maxClaimedSegments(settings.maxClaimedSegments()));
            // A projection's batch that fails is handled again: an event is never silently skipped. An event that
            // cannot be handled is parked in the group's dead-letter queue, and its household's later events wait
            // behind it, while the others go on (DeadLetters, docs/adr/0006-poison-events.md).
            processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
            for (Projection projection : projections) {
                String group = projection.getClass().getAnnotation(ProcessingGroup.class).value();
                if (projection instanceof CommandSideLookup) {
                    processing.registerEventHandler(c -> projection);
                    // runs inside the command's own transaction, so a set-based check sees every earlier command
                    processing.registerSubscribingEventProcessor(group);
                } else {
                    streamingGroups.add(group);
                    // one live processor for every projection (docs/adr/0008-one-live-processor.md), or one each
                    String processor = settings.rebuildAll() ? ProjectionReplay.REBUILD
                            : ProjectionProcessors.processorOf(group, settings.processorPerProjection());
                    deadLetters.register(processing, projection, group, processor);
                    if (!processor.equals(group)) {
                        processing.assignProcessingGroup(group, processor);
                    }
                }
            }
            if (settings.rebuildAll()) {
                // a tracking processor: each of its threads reads the store and handles its own segment's events, with
                // no coordinator handing events over (docs/performance.md, "Replay")
                processing.registerTrackingEventProcessor(ProjectionReplay.REBUILD, Configuration::eventStore,
                                c -> TrackingEventProcessorConfiguration
                                        .forParallelProcessing(settings.rebuildSegments())
                                        .andInitialSegmentsCount(settings.rebuildSegments())
                                        .andBatchSize(settings.rebuildBatchSize())
                                        // from the head: nothing is handled before the replay command resets it
                                        .andInitialTrackingToken(source -> source.createHeadToken()))
                        .registerTransactionManager(ProjectionReplay.REBUILD, c -> projectionTransactions);
            }
        });
        Configuration configuration = configurer.buildConfiguration();
        // before any processor starts: an upgraded database, or a switched setting, hands its tokens over
        handOver.prepare(streamingGroups, settings.processorPerProjection(), settings.segments());
        configuration.start();
        return configuration;
    }

    /** Wakes this node's processors when events are committed here or on another node. */
    @Context
    @Bean(preDestroy = "close")
    EventWakeUps eventWakeUps(Configuration configuration, DataSource dataSource) {
        EventWakeUps wakeUps = new EventWakeUps((WakeableEventStore) configuration.eventStore(),
                DelegatingDataSource.unwrapDataSource(dataSource));
        wakeUps.start();
        return wakeUps;
    }

    /**
     * Retries a command that lost a concurrency race (another node appended the aggregate's next event first). A
     * refusal is an answer, not a race lost: retrying it only repeats it, on another thread and outside the
     * caller's transaction. Neither is a command sent inside a transaction (OutermostRetries).
     */
    static RetryScheduler retryScheduler(
            AxonSettings settings, SynchronousTransactionManager<Connection> transactions) {
        return new OutermostRetries(IntervalRetryScheduler.builder()
                .retryExecutor(RETRIES)
                .maxRetryCount(settings.commandRetries())
                .retryInterval(settings.commandRetryMillis())
                .addNonTransientFailurePredicate(BadInput.class, refusal -> true)
                .build(),
                () -> transactions.findTransactionStatus().map(status -> !status.isCompleted()).orElse(false));
    }

    /** A resource Axon hands to a command handler whose parameter has its type. */
    @SuppressWarnings("unchecked")
    private static <T> void register(Configurer configurer, Class<T> type, Object resource) {
        configurer.registerComponent(type, c -> (T) resource);
    }

    @Singleton
    CommandGateway commandGateway(Configuration configuration) {
        return configuration.commandGateway();
    }

    static Serializer jacksonSerializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                // aggregates keep their state in private fields without getters: snapshots read the fields
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return new ClassCachingSerializer(JacksonSerializer.builder().objectMapper(mapper).lenientDeserialization());
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
