package io.policyledger.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's JDBC event store on PostgreSQL, shared by both sides:
 * <pre>
 *   command-side --append--> domain_event_entry --tail--> tracking processors (query-side)
 *                                                   (token_entry records how far each has read)
 * </pre>
 * Tables are snake_case and created by Flyway (module migrations), never by Axon. Events and metadata
 * are stored as JSON. Appends take global indexes in commit order ({@link CommitOrderedAppend}), so a
 * revision is a consistent cut of the log. Readers in this instance are woken at once by its own
 * writes; writes of other instances are picked up within {@link EventStoreProperties#fetchDelay()}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreProperties.class)
public class EventStoreConfiguration {

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
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
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** The mapper for stored messages: ISO-8601 times, map keys sorted (stable bytes), tolerant of added fields. */
    static ObjectMapper storageObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(storageObjectMapper())
                .revisionResolver(new EventRevisions())
                .build();
    }

    /** Older stored forms of events, brought up to their current revision as they are read (see EventRevisions). */
    @Bean
    public NamespaceCreatedUpcaster namespaceCreatedUpcaster() {
        return new NamespaceCreatedUpcaster();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    /**
     * Connections as Spring's transactions hold them. (Axon's default wraps them so that a unit of work
     * commits or rolls back the connection itself when it ends: a command committed in a group with
     * others, in a savepoint of a shared transaction, would then commit or roll back the whole group.)
     */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(
            Serializer serializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            PlatformTransactionManager transactions,
            EventSchema eventSchema,
            EventStoreProperties properties) {
        return new StreamEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                // Reads and appends join the command's transaction as they are: no savepoint of their own.
                .transactionManager(new SpringTransactionManager(transactions))
                .schema(eventSchema)
                .appendEvents(new CommitOrderedAppend())
                // A missing index below a visible one was rolled back and never appears (CommitOrderedAppend),
                // so the gaps a reader tracks can never fill. Axon's default keeps up to 10,000 of them in each
                // processor's token for a minute: after a restore's jump of revisions, a 100 kB token written
                // with every batch and 10,000 indexes in every read. A few are kept, at no cost.
                .maxGapOffset(64)
                .batchSize(properties.batchSize()));
    }

    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    public DryRunEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            EventStoreProperties properties) {
        return new DryRunEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(Math.max(1, properties.fetchDelay().toMillis()))
                .timeUnit(TimeUnit.MILLISECONDS));
    }

    @Bean
    public CorrelationDataProvider attributionProvider() {
        return new SimpleCorrelationDataProvider(EventAttribution.KEYS.toArray(String[]::new));
    }

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }
}
