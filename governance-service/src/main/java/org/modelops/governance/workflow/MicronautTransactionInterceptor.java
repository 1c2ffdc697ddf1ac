package org.modelops.governance.workflow;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import org.flowable.common.engine.impl.interceptor.AbstractCommandInterceptor;
import org.flowable.common.engine.impl.interceptor.Command;
import org.flowable.common.engine.impl.interceptor.CommandConfig;
import org.flowable.common.engine.impl.interceptor.CommandExecutor;

/**
 * Runs every engine command inside a Micronaut transaction: a command issued while the service already holds one
 * joins it (REQUIRED), so the engine's inserts commit or roll back with the domain change around them.
 */
final class MicronautTransactionInterceptor extends AbstractCommandInterceptor {

    private final TransactionOperations<?> transactions;

    MicronautTransactionInterceptor(TransactionOperations<?> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T execute(CommandConfig config, Command<T> command, CommandExecutor commandExecutor) {
        var propagation = switch (config.getTransactionPropagation()) {
            case REQUIRES_NEW -> TransactionDefinition.Propagation.REQUIRES_NEW;
            case NOT_SUPPORTED -> TransactionDefinition.Propagation.NOT_SUPPORTED;
            default -> TransactionDefinition.Propagation.REQUIRED;
        };
        return transactions.execute(TransactionDefinition.of(propagation),
                status -> next.execute(config, command, commandExecutor));
    }
}
