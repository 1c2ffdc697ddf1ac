package org.modelops.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelops.portal.catalog.CatalogView;
import org.modelops.portal.governance.AuditFilter;
import org.modelops.portal.governance.CatalogFilter;
import org.modelops.portal.governance.GovernanceApi;
import org.modelops.portal.governance.GovernanceApi.Decision;
import org.modelops.portal.governance.GovernanceApi.ExportFormat;
import org.modelops.portal.governance.HttpGovernanceApi;
import org.modelops.portal.governance.InboxFilter;
import org.modelops.portal.governance.ModelVersion;
import org.modelops.portal.governance.ServiceRefusal;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's HTTP adapter against the real service: every call the pages make, with real tokens, read with the
 * same RestClient and JSON set-up as the running portal. What the browser journeys only glance at (field names,
 * filters, refusals) is checked here one by one, so that a change on either side of the API shows up as a failure.
 */
class GovernanceApiContractIT {

    private static ConfigurableApplicationContext spring;
    private final LocalStack stack = new LocalStack();

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            RestClientAutoConfiguration.class})
    static class PortalHttpClient {
    }

    @BeforeAll
    static void theRestClientAndJsonOfThePortal() {
        spring = new SpringApplicationBuilder(PortalHttpClient.class).web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run();
    }

    @AfterAll
    static void close() {
        spring.close();
    }

    private GovernanceApi as(String username) {
        var token = stack.userToken(username);
        return new HttpGovernanceApi(spring.getBean(RestClient.Builder.class), URI.create(LocalStack.SERVICE),
                () -> token, spring.getBean(JsonMapper.class));
    }

    @Test
    void everyStateAndRiskTierTheCatalogOffersIsOneTheServiceFiltersBy() {
        var dana = as("dana");
        var states = Arrays.stream(CatalogView.STATES).filter(state -> !CatalogView.ANY.equals(state)).toList();

        for (var state : states) {
            var page = dana.models(new CatalogFilter(null, null, state), 0, 5);
            assertThat(page.total()).as(state).isGreaterThanOrEqualTo(0);
        }
        for (var tier : new String[]{"LOW", "MEDIUM", "HIGH"}) {
            assertThat(dana.models(new CatalogFilter(null, tier, null), 0, 5).items())
                    .allSatisfy(model -> assertThat(model.riskTier()).isEqualTo(tier));
        }
    }

    @Test
    void aDomainExpertDecidesRollsBackAndRetiresThroughTheAdapter() {
        var model = stack.championWithChallengerWaitingForApproval("contract-" + System.currentTimeMillis());
        var dana = as("dana");

        var task = dana.inbox().items().stream().filter(t -> t.model().equals(model)).findFirst().orElseThrow();
        var first = dana.inboxFirstPage(50);
        assertThat(first.total()).isEqualTo(dana.inbox(InboxFilter.ALL, 0, 1).total()).isPositive();
        assertThat(first.highRisk()).isEqualTo(dana.inbox(new InboxFilter(null, "HIGH", null), 0, 1).total());
        assertThat(first.escalated()).isEqualTo(dana.inbox(new InboxFilter(null, null, true), 0, 1).total());
        assertThat(first.items()).hasSize((int) Math.min(50, first.total()));
        assertThat(dana.versions(model, "CHAMPION", 0, 1).items()).extracting(ModelVersion::version)
                .containsExactly(1);
        assertThat(dana.versions(model, null, 0, 1)).satisfies(page -> {
            assertThat(page.total()).isEqualTo(2);
            assertThat(page.items()).extracting(ModelVersion::version).as("newest first").containsExactly(2);
        });
        assertThat(task.version()).isEqualTo(2);
        assertThat(task.riskTier()).isEqualTo("LOW");
        assertThat(task.approvalsRequired()).isEqualTo(1);
        assertThat(task.policy().label()).isEqualTo("low-risk v1");
        assertThat(task.challenger().metrics()).containsKey("auc");
        assertThat(task.challenger().description()).isNotBlank();
        assertThat(task.challenger().intendedUse()).isNotBlank();
        assertThat(task.challenger().sliceMetrics()).containsKeys("channel=email", "channel=chat");
        assertThat(task.champion().version()).isEqualTo(1);
        assertThat(task.deltas().get("auc")).isCloseTo(0.03, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(task.validation().passed()).isTrue();
        assertThat(task.challenge().outcome()).isEqualTo("PASSED");
        // Both versions were submitted with the same evaluation dataset: they are compared on it.
        var dataset = LocalStack.sha256(model + "/eval");
        assertThat(task.comparison()).isNotNull().satisfies(comparison -> {
            assertThat(comparison.datasetSha256()).isEqualTo(dataset);
            assertThat(comparison.challenger()).containsEntry("auc", 0.91);
            assertThat(comparison.champion()).containsEntry("auc", 0.88);
            assertThat(comparison.deltas()).isEqualTo(task.deltas());
        });
        assertThat(task.challenger().metricsDataset()).isEqualTo(dataset);
        assertThat(task.challenger().submittedMetrics()).containsEntry("auc", 0.91);
        assertThat(task.champion().metricsDataset()).isEqualTo(dataset);
        assertThat(task.evidenceSha256()).matches("[0-9a-f]{64}");
        assertThat(task.reopenedBecause()).isNull();

        assertThatThrownBy(() -> dana.decide(task.id(), Decision.APPROVE, "contract test", "0".repeat(64)))
                .isInstanceOfSatisfying(ServiceRefusal.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(409);
                    assertThat(refusal.is("evidence-changed")).isTrue();
                    assertThat(refusal.plainMessage()).startsWith("The evidence changed since you opened");
                });
        dana.decide(task.id(), Decision.APPROVE, "contract test", task.evidenceSha256());
        stack.awaitVersion(model, 2, v -> "CHAMPION".equals(v.get("state").asString()));
        var approved = dana.versions(model, null, 0, 200).items().stream().filter(v -> v.version() == 2).findFirst()
                .orElseThrow();
        assertThat(approved.evidenceSha256()).isEqualTo(task.evidenceSha256());
        assertThatThrownBy(() -> dana.decide(task.id(), Decision.APPROVE, "again", task.evidenceSha256()))
                .isInstanceOfSatisfying(ServiceRefusal.class, refusal -> {
                    assertThat(refusal.status()).isIn(404, 409);
                    assertThat(refusal.plainMessage()).startsWith("Somebody else decided this first");
                });

        assertThat(dana.deployment(model).serving()).singleElement().satisfies(share -> {
            assertThat(share.version()).isEqualTo(2);
            assertThat(share.percent()).isEqualTo(100);
            assertThat(share.state()).isEqualTo("CHAMPION");
        });
        assertThat(dana.versions(model, null, 0, 200).items()).extracting(ModelVersion::version, ModelVersion::state)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1, "SUPERSEDED"),
                        org.assertj.core.groups.Tuple.tuple(2, "CHAMPION"));
        assertThat(dana.model(model).latestVersion()).isEqualTo(2);

        assertThatThrownBy(() -> dana.rollBack(model, 1, "contract test: not the champion"))
                .isInstanceOfSatisfying(ServiceRefusal.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(409);
                    assertThat(refusal.is("stale-rollback")).isTrue();
                    assertThat(refusal.plainMessage()).startsWith("What serves this model changed");
                });
        var rolledBack = dana.rollBack(model, 2, "contract test: back to v1");
        assertThat(rolledBack.model()).isEqualTo(model);
        assertThat(rolledBack.version()).isEqualTo(2);
        assertThat(rolledBack.state()).isEqualTo("ROLLED_BACK");
        assertThat(rolledBack.stateReason()).contains("contract test: back to v1");
        assertThat(rolledBack.rolloutStopped()).isFalse();
        assertThat(rolledBack.servingVersion()).isEqualTo(1);
        assertThat(dana.deployment(model).serving()).singleElement()
                .satisfies(share -> assertThat(share.version()).isEqualTo(1));
        assertThat(dana.timeline(model, 2)).last().satisfies(step -> {
            assertThat(step.actor()).isEqualTo("dana");
            assertThat(step.details()).containsEntry("to", "ROLLED_BACK");
        });
        assertThatThrownBy(() -> dana.rollBack(model, 1, "once more"))
                .isInstanceOfSatisfying(ServiceRefusal.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(409);
                    assertThat(refusal.is("no-previous-champion")).isTrue();
                    assertThat(refusal.plainMessage()).contains("nothing to roll back to");
                });

        dana.retire(model, 2, "contract test: never again");
        assertThat(dana.versions(model, null, 0, 200).items()).filteredOn(v -> v.version() == 2)
                .singleElement()
                .satisfies(v -> assertThat(v.retired()).isTrue());
    }

    @Test
    void aComplianceOfficerSearchesVerifiesExportsAndReadsEvidenceThroughTheAdapter() {
        var model = stack.championWithChallengerWaitingForApproval("contract-" + System.currentTimeMillis());
        var carl = as("carl");

        var found = carl.auditEvents(new AuditFilter(model, null, null, null, null), 0, 50);
        assertThat(found.total()).isEqualTo(found.items().size()).isGreaterThan(5);
        assertThat(found.items()).allSatisfy(event -> {
            assertThat(event.hash()).matches("[0-9a-f]{64}");
            assertThat(event.subjectId()).startsWith(model);
            assertThat(event.occurredAt()).isNotNull();
        });
        var newest = found.items().getFirst().sequence();
        var older = found.items().get(2).sequence();
        assertThat(carl.auditEvents(new AuditFilter(model, null, null, null, null).upTo(older), 0, 50).items())
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.sequence()).isLessThanOrEqualTo(older));
        assertThat(carl.auditEvents(new AuditFilter(model, "dave", "approval.decided", null, null), 0, 5).total())
                .isEqualTo(1);

        var report = carl.verifyAuditTrail();
        assertThat(report.ok()).isTrue();
        assertThat(report.checked()).isGreaterThanOrEqualTo(newest);
        assertThat(report.firstBrokenSequence()).isNull();

        var csv = read(carl.exportAuditTrail(new AuditFilter(model, null, null, null, null), ExportFormat.CSV));
        assertThat(csv.lines().findFirst().orElseThrow()).contains("sequence").contains("hash");
        assertThat(csv).contains(model);
        var jsonl = read(carl.exportAuditTrail(new AuditFilter(model, null, null, null, null),
                ExportFormat.JSON_LINES));
        // A header, the events, then the signed checkpoints that cover them (docs/audit.md).
        assertThat(jsonl.lines().findFirst().orElseThrow()).startsWith("{\"export\"");
        assertThat(jsonl.lines().filter(line -> line.startsWith("{\"action\"")).count()).isEqualTo(found.total());
        assertThat(jsonl.lines().filter(line -> line.startsWith("{\"checkpoint\"")).count()).isPositive();

        var bundle = carl.evidenceBundle(model, 1);
        assertThat(bundle.text("state")).isEqualTo("CHAMPION");
        assertThat(bundle.text("evidenceSha256")).matches("[0-9a-f]{64}");
        assertThat(bundle.fields().get("evidenceDocument")).isInstanceOf(java.util.Map.class);
        assertThat(bundle.section("policy")).containsEntry("name", "low-risk").containsKey("sha256");
        assertThat(bundle.approvers()).singleElement().satisfies(approver -> {
            assertThat(approver).containsEntry("username", "dave")
                    .containsEntry("decision", "APPROVE")
                    .containsEntry("comment", "Champion for the end-to-end test.")
                    .containsEntry("evidenceSha256", bundle.text("evidenceSha256"))
                    .containsEntry("current", true);
            assertThat(java.time.Instant.parse(String.valueOf(approver.get("decidedAt")))).isNotNull();
        });
        assertThat(bundle.auditEvents()).isNotEmpty();
        assertThat(bundle.json()).contains("\"approvers\"");
    }

    @Test
    void refusalsAreReadAsProblemsInPlainWords() {
        assertThatThrownBy(() -> as("erin").verifyAuditTrail())
                .isInstanceOfSatisfying(ServiceRefusal.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(403);
                    assertThat(refusal.plainMessage()).startsWith("You are not allowed to do this.");
                });
        assertThatThrownBy(() -> as("dana").model("no-such-model"))
                .isInstanceOfSatisfying(ServiceRefusal.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(404);
                    assertThat(refusal.plainMessage()).contains("no-such-model");
                });
        assertThatThrownBy(() -> as("dana").rollBack("no-such-model", 1, " "))
                .isInstanceOfSatisfying(ServiceRefusal.class, refusal -> {
                    assertThat(refusal.status()).isIn(400, 404);
                    assertThat(refusal.plainMessage()).isNotBlank();
                });
    }

    private static String read(GovernanceApi.Download download) {
        try (var content = download.content()) {
            assertThat(download.fileName()).isNotBlank();
            return new String(content.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
