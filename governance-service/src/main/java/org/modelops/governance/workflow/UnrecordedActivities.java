package org.modelops.governance.workflow;

import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.impl.persistence.entity.ActivityInstanceEntity;
import org.flowable.engine.impl.persistence.entity.ActivityInstanceEntityManagerImpl;
import org.flowable.engine.impl.persistence.entity.ExecutionEntity;
import org.flowable.engine.impl.persistence.entity.data.ActivityInstanceDataManager;

/**
 * The engine's runtime activity instances ({@code ACT_RU_ACTINST}), not recorded: one row per element a lifecycle
 * passes through, sequence flows included (25 inserts and 9 look-ups for a submission and its validation), that
 * nothing reads. Where a lifecycle is and what happened to it are the version's state and the audit trail; its open
 * tasks and their history are still the engine's (history level {@code task}, which never reads these rows).
 * Rows an older release recorded are still deleted with their instance.
 */
final class UnrecordedActivities extends ActivityInstanceEntityManagerImpl {

    UnrecordedActivities(ProcessEngineConfigurationImpl configuration, ActivityInstanceDataManager dataManager) {
        super(configuration, dataManager);
    }

    @Override
    public void recordActivityStart(ExecutionEntity execution) {
    }

    @Override
    public void recordActivityEnd(ExecutionEntity execution, String deleteReason) {
    }

    @Override
    public void recordSequenceFlowTaken(ExecutionEntity execution) {
    }

    @Override
    public ActivityInstanceEntity findUnfinishedActivityInstance(ExecutionEntity execution) {
        return null;
    }

    @Override
    protected ActivityInstanceEntity findUnfinishedActivityInstance(ExecutionEntity execution, boolean sameActivity) {
        return null;
    }
}
