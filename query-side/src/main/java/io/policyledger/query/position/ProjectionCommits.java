package io.policyledger.query.position;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The projections' transactions commit without waiting for their WAL record to reach the disk
 * ({@code synchronous_commit = off}, for those transactions only). A projection is derived from the event
 * log and stores its tracking token in the same transaction as its rows: if PostgreSQL crashes before such
 * a commit is flushed, rows and token go back together and the batch is applied again from the log.
 * Nothing accepted is lost (the events themselves are committed durably by the command side); what is
 * saved is a disk flush per projection batch, three per write when writes come one at a time.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionCommits {

    static final String APPLIED = "synchronous-commit-off";

    @Bean
    ConfigurerModule projectionCommitsWithoutFlush(JdbcTemplate jdbc) {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultHandlerInterceptor((configuration, processor) -> withoutFlush(jdbc));
    }

    private static MessageHandlerInterceptor<EventMessage<?>> withoutFlush(JdbcTemplate jdbc) {
        return (unitOfWork, chain) -> {
            UnitOfWork<?> batch = unitOfWork.root();
            batch.getOrComputeResource(APPLIED, key -> {
                jdbc.execute("SET LOCAL synchronous_commit TO OFF");
                return Boolean.TRUE;
            });
            return chain.proceed();
        };
    }
}
