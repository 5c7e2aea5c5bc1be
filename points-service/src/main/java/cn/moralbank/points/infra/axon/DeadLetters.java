package cn.moralbank.points.infra.axon;

import cn.moralbank.points.common.Projection;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.SynchronousTransactionManager;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.time.Duration;

/**
 * Wires Axon's dead-letter queue for pooled streaming processors into each projection's processing group
 * (docs/adr/0006-poison-events.md): a {@link JdbcSequencedDeadLetterQueue} on the application's PostgreSQL (table
 * {@code dead_letter_entry}, Flyway V40), the {@link ParkingPolicy}, the {@link IsolatingEventHandler} around the
 * projection's handlers and the {@link IsolatingErrorHandler} of its processor. Not for the command side's
 * subscribing lookups: their failure fails the command, as it must.
 */
final class DeadLetters {
    /** Axon's dead-letter columns in snake_case (V40__dead_letters.sql). */
    static final DeadLetterSchema SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable("dead_letter_entry")
            .deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group")
            .sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index")
            .messageTypeColumn("message_type")
            .eventIdentifierColumn("event_identifier")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .aggregateTypeColumn("aggregate_type")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .tokenTypeColumn("token_type")
            .tokenColumn("token")
            .enqueuedAtColumn("enqueued_at")
            .lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started")
            .causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message")
            .diagnosticsColumn("diagnostics")
            .build();
    /** How long a processor isolates its batches after one failed. */
    static final Duration ISOLATION = Duration.ofSeconds(30);
    /**
     * Households (sequences) a projection may park, and letters one of them may hold: past Axon's default of 1,024 the
     * queue refuses a letter and the batch would fail for ever, the very thing the queue is for.
     */
    private static final int MAX_SEQUENCES = 1_000_000;
    private static final int MAX_SEQUENCE_SIZE = 1_000_000;

    private final ConnectionProvider connectionProvider;
    private final TransactionManager transactions;
    private final Serializer serializer;
    private final PoisonIsolation isolation;
    private final SavepointTransactions savepoints;
    private final ProjectionHandOver handOver;

    DeadLetters(ConnectionProvider connectionProvider, TransactionManager transactions,
                SynchronousTransactionManager<Connection> micronaut, ConnectionOperations<Connection> connections,
                Serializer serializer, ProjectionHandOver handOver) {
        this.handOver = handOver;
        this.connectionProvider = connectionProvider;
        this.transactions = transactions;
        this.serializer = serializer;
        this.isolation = new PoisonIsolation(connections, ISOLATION);
        this.savepoints = new SavepointTransactions(transactions, micronaut, connections);
    }

    /**
     * Registers a projection's handlers in {@code group}, handled by {@code processor}, with a dead-letter queue.
     * Several groups may share one processor: Axon then builds one dead-lettering invoker per group, each with its
     * own queue and sequence checks, inside the processor's MultiEventHandlerInvoker, so a household parked in one
     * projection is handled as usual by the others (DeadLetterTest).
     */
    void register(EventProcessingConfigurer processing, Projection projection, String group, String processor) {
        processing.registerEventHandler(c -> new IsolatingEventHandler(
                new AnnotationEventHandlerAdapter(projection, c.parameterResolverFactory(),
                        c.handlerDefinition(projection.getClass())),
                group, processor, isolation, handOver));
        processing.assignHandlerInstancesMatching(group, handler -> handler instanceof IsolatingEventHandler isolating
                && isolating.processingGroup().equals(group));
        processing.registerDeadLetterQueue(group, c -> JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(group)
                .connectionProvider(connectionProvider)
                .transactionManager(transactions)
                .schema(SCHEMA)
                .genericSerializer(serializer)
                .eventSerializer(serializer)
                .maxSequences(MAX_SEQUENCES)
                .maxSequenceSize(MAX_SEQUENCE_SIZE)
                .build());
        processing.registerDeadLetterPolicy(group, c -> new ParkingPolicy(group, processor, isolation));
        processing.registerDeadLetteringEventHandlerInvokerConfiguration(group, (c, builder) -> builder
                .transactionManager(savepoints)
                // a replay handles every event again: its dead letters would otherwise be parked twice
                .allowReset(true)
                // without it every event of every batch asks the database whether its household is parked
                .enableSequenceIdentifierCache());
        processing.registerErrorHandler(processor, c -> new IsolatingErrorHandler(isolation));
    }

    /** The error handler of a processor made outside the configuration (a rebuild of one projection). */
    IsolatingErrorHandler errorHandlerFor(String processor) {
        return new IsolatingErrorHandler(isolation, processor);
    }
}
