package io.policyledger.command.write;

import io.policyledger.eventstore.AppendLock;
import jakarta.annotation.PostConstruct;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * How a command's unit of work meets the database.
 *
 * <ul>
 *   <li>Its transaction is <em>nested</em>: alone, a transaction of its own; inside a transaction that
 *       {@link GroupCommit} opened for several commands, a savepoint, so that a refused command is undone
 *       without undoing its neighbours.</li>
 *   <li>It takes the {@link AppendLock} first, before the rows it will lock: every writer takes the two
 *       in the same order, so two writers never wait for each other. (A dry run stores nothing and takes
 *       no lock.)</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class CommandTransactions {

    /**
     * Axon's transaction manager, for the command bus and the event processors. (Axon's own Spring adapter
     * only ends transactions it began, so it would leave a savepoint neither released nor rolled back.)
     */
    @Bean
    TransactionManager nestedTransactionManager(PlatformTransactionManager transactions) {
        DefaultTransactionDefinition nested =
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);
        return () -> {
            TransactionStatus status = transactions.getTransaction(nested);
            return new Transaction() {
                @Override
                public void commit() {
                    if (!status.isCompleted()) {
                        transactions.commit(status);
                    }
                }

                @Override
                public void rollback() {
                    if (!status.isCompleted()) {
                        transactions.rollback(status);
                    }
                }
            };
        };
    }

    @Bean
    AppendLockFirst appendLockFirst(CommandBus commandBus, DataSource dataSource) {
        return new AppendLockFirst(commandBus, dataSource);
    }

    static final class AppendLockFirst {
        private final CommandBus commandBus;
        private final DataSource dataSource;

        AppendLockFirst(CommandBus commandBus, DataSource dataSource) {
            this.commandBus = commandBus;
            this.dataSource = dataSource;
        }

        @PostConstruct
        void register() {
            commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
                if (!Boolean.TRUE.equals(unitOfWork.getMessage().getMetaData().get(DryRun.METADATA_KEY))) {
                    AppendLock.acquire(dataSource);
                }
                return chain.proceed();
            });
        }
    }
}
