package org.modelops.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelops.governance.policy.PolicyBootstrap.PolicyFile;
import org.modelops.governance.policy.model.Policy;

class PolicySeedOrderTest {

    private static PolicyFile file(String source, String name, List<String> riskTiers, List<String> models) {
        var policy = new Policy(name, null, new Policy.AppliesTo(riskTiers, models), null, null, null, null, null,
                null, null, null);
        return new PolicyFile(source, "name: " + name, policy);
    }

    private static final PolicyFile HIGH = file("packaged high-risk.yaml", "high-risk", List.of("HIGH"), null);
    private static final PolicyFile LOW = file("packaged low-risk.yaml", "low-risk", List.of("LOW"), null);

    @Test
    void packagedFilesAreSeededFirstThenTheDirectorysFiles() {
        var credit = file("/etc/policies/credit.yaml", "credit", null, List.of("credit-risk"));

        assertThat(PolicyBootstrap.seedOrder(List.of(HIGH, LOW), List.of(credit))).containsExactly(HIGH, LOW,
                credit);
    }

    @Test
    void aDirectoryFileWithThePackagedNameTakesItsPlace() {
        var strictHigh = file("/etc/policies/strict.yaml", "high-risk", List.of("HIGH"), null);

        assertThat(PolicyBootstrap.seedOrder(List.of(HIGH, LOW), List.of(strictHigh))).containsExactly(LOW,
                strictHigh);
    }

    @Test
    void aDirectoryFileCoveringAPackagedRiskTierTakesItsPlace() {
        var bank = file("/etc/policies/bank.yaml", "bank-high-and-medium", List.of("MEDIUM", "HIGH"), null);

        assertThat(PolicyBootstrap.seedOrder(List.of(HIGH, LOW), List.of(bank))).containsExactly(LOW, bank);
    }
}
