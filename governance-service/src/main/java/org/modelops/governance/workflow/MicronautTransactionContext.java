package org.modelops.governance.workflow;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import org.flowable.common.engine.impl.cfg.TransactionContext;
import org.flowable.common.engine.impl.cfg.TransactionListener;
import org.flowable.common.engine.impl.cfg.TransactionState;
import org.flowable.common.engine.impl.interceptor.CommandContext;

/**
 * The engine's view of the surrounding Micronaut transaction: Micronaut commits; the engine can only ask for a
 * rollback; its transaction listeners run as Micronaut synchronizations.
 */
final class MicronautTransactionContext implements TransactionContext {

    private final TransactionOperations<?> transactions;
    private final CommandContext commandContext;

    MicronautTransactionContext(TransactionOperations<?> transactions, CommandContext commandContext) {
        this.transactions = transactions;
        this.commandContext = commandContext;
    }

    @Override
    public void commit() {
        // The transaction belongs to Micronaut, which commits it when the outermost boundary completes.
    }

    @Override
    public void rollback() {
        transactions.findTransactionStatus().ifPresent(TransactionStatus::setRollbackOnly);
    }

    @Override
    public void addTransactionListener(TransactionState state, TransactionListener listener) {
        var status = transactions.findTransactionStatus()
                .orElseThrow(() -> new IllegalStateException("engine command outside a transaction"));
        status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                if (state == TransactionState.COMMITTING) {
                    listener.execute(commandContext);
                }
            }

            @Override
            public void beforeCompletion() {
                if (state == TransactionState.ROLLINGBACK && status.isRollbackOnly()) {
                    listener.execute(commandContext);
                }
            }

            @Override
            public void afterCompletion(Status outcome) {
                if (state == TransactionState.COMMITTED && outcome == Status.COMMITTED
                        || state == TransactionState.ROLLED_BACK && outcome == Status.ROLLED_BACK) {
                    listener.execute(commandContext);
                }
            }
        });
    }
}
