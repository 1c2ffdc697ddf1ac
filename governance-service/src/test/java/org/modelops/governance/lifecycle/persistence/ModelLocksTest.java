package org.modelops.governance.lifecycle.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.modelops.governance.lifecycle.LifecycleStore;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

/** A step that locks a model its transaction holds already asks nothing of the database; the lock still holds. */
@MicronautTest(transactional = false)
class ModelLocksTest extends ServiceTest {

    @Inject
    LifecycleStore store;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    private ModelName registered() {
        var name = uniqueName("locks");
        assertThat(api().post("/api/v1/models", erin(), registration(name, "LOW")).status()).isEqualTo(201);
        return new ModelName(name);
    }

    @Test
    void theSecondLockOfAModelInOneTransactionIsTheFirstOnesAndANewTransactionLocksAgain() {
        var model = registered();
        var other = registered();
        transactions.executeWrite(status -> {
            assertThat(store.lockModel(model)).as("taken").isTrue();
            assertThat(store.lockModel(model)).as("held already").isFalse();
            assertThat(store.lockModel(other)).as("another model").isTrue();
            assertThatThrownBy(() -> lockFromElsewhere(model)).as("the row is locked for everyone else")
                    .isInstanceOf(SQLException.class).hasMessageContaining("could not obtain lock");
            return null;
        });
        transactions.executeWrite(status -> {
            assertThat(store.lockModel(model)).as("a new transaction takes it again").isTrue();
            return null;
        });
        transactions.executeWrite(status -> {
            store.lockModel(model);
            status.setRollbackOnly();
            return null;
        });
        transactions.executeWrite(status -> {
            assertThat(store.lockModel(model)).as("after a rollback too").isTrue();
            return null;
        });
    }

    private static void lockFromElsewhere(ModelName model) throws SQLException {
        try (var connection = Database.connect();
                var statement = connection.prepareStatement(
                        "SELECT id FROM registered_models WHERE name = ? FOR NO KEY UPDATE NOWAIT")) {
            statement.setString(1, model.value());
            statement.executeQuery().close();
        }
    }
}
