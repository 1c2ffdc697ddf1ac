package org.modelops.governance.testing;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of tests that run the whole service: real PostgreSQL (the {@code modelops_test} database), the real BPMN files,
 * real JWT validation against {@link TestIdentityProvider}'s published key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTest implements TestPropertyProvider {

    protected static final TestIdentityProvider IDP = TestIdentityProvider.get();

    @Inject
    protected EmbeddedServer server;

    private Api api;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("governance.oidc.issuer", IDP.issuer(), "governance.workflow.async-executor",
                Boolean.toString(runsWorkflowJobs()));
    }

    /**
     * Whether this test's service runs the engine's jobs (asynchronous steps, timers). Tests that count or tamper with
     * the audit trail keep it off, so that no background step writes while they look.
     */
    protected boolean runsWorkflowJobs() {
        return true;
    }

    protected Api api() {
        if (api == null) {
            api = new Api(server.getURI());
        }
        return api;
    }

    /** As in the dev realm: erin is an ml-engineer in the group risk-analytics, the owner team of the test models. */
    protected static String erin() {
        return IDP.tokenForTeamMember("erin", List.of("risk-analytics"), "ml-engineer");
    }

    protected static String dana() {
        return IDP.tokenFor("dana", "domain-expert");
    }

    /** A model name no other test uses. */
    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static String registration(String name, String riskTier) {
        return """
                {"name": "%s", "description": "Scores loan applications", "ownerTeam": "risk-analytics",
                 "riskTier": "%s", "tags": {"domain": "lending"}}""".formatted(name, riskTier);
    }

    protected static String submission(double auc) {
        return """
                {"artifactUri": "s3://models/credit-risk/7/model.onnx",
                 "artifactSha256": "%s",
                 "framework": "xgboost", "description": "Monthly retrain", "intendedUse": "Consumer loans",
                 "trainingData": {"uri": "s3://data/train.parquet", "sha256": "%s"},
                 "evaluationData": {"uri": "s3://data/eval.parquet", "sha256": "%s"},
                 "code": {"repository": "https://git.example.com/risk/credit", "commit": "a1b2c3d"},
                 "params": {"max_depth": 6, "eta": 0.1},
                 "metrics": {"auc": %s, "f1": 0.78},
                 "sliceMetrics": {"gender=F": {"recall": 0.81}, "gender=M": {"recall": 0.83}},
                 "tags": {"team": "risk"}}""".formatted("a".repeat(64), "b".repeat(64), "c".repeat(64), auc);
    }
}
