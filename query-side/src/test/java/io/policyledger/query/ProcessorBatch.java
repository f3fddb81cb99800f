package io.policyledger.query;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * One batch handed to a projection as an Axon tracking processor hands it over, without the processor: one
 * unit of work with the database transaction attached, so a commit runs the prepare-commit handlers, then
 * the database commit, then the after-commit handlers (a rollback, the database rollback and then the
 * rollback handlers).
 */
public final class ProcessorBatch {

    private ProcessorBatch() {}

    public static void run(
            Message<?> first, DataSourceTransactionManager transactions, boolean commit, Runnable handling) {
        UnitOfWork<?> work = DefaultUnitOfWork.startAndGet(first);
        work.attachTransaction(() -> {
            TransactionStatus tx = transactions.getTransaction(new DefaultTransactionDefinition());
            return new Transaction() {
                @Override
                public void commit() {
                    transactions.commit(tx);
                }

                @Override
                public void rollback() {
                    transactions.rollback(tx);
                }
            };
        });
        try {
            handling.run();
        } catch (RuntimeException e) {
            work.rollback(e);
            throw e;
        }
        if (commit) {
            work.commit();
        } else {
            work.rollback();
        }
    }
}
