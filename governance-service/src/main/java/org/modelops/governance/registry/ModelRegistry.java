package org.modelops.governance.registry;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.registry.model.ModelRegistration;
import org.modelops.governance.registry.model.ModelSearch;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RegisteredModel;
import org.modelops.governance.registry.model.RegistryRefusals;
import org.modelops.governance.registry.model.RiskTier;
import org.modelops.governance.security.Actor;
import org.modelops.governance.security.Roles;
import org.modelops.governance.security.TeamDirectory;
import org.modelops.governance.shared.Page;
import org.modelops.governance.shared.PageRequest;

/**
 * Registering models, reclassifying them and reading the catalog. A model belongs to a team of the identity
 * provider: its registrant is a member; later only a governance admin moves it to another known team or risk tier.
 */
@Singleton
public class ModelRegistry {

    private final ModelCatalog catalog;
    private final AuditLog audit;
    private final TeamDirectory teams;
    private final ReclassificationListener reclassifications;
    private final Clock clock;

    ModelRegistry(ModelCatalog catalog, AuditLog audit, TeamDirectory teams,
            ReclassificationListener reclassifications) {
        this.catalog = catalog;
        this.audit = audit;
        this.teams = teams;
        this.reclassifications = reclassifications;
        this.clock = Clock.systemUTC();
    }

    /** Refused (and the attempt audited on its own) unless the caller is a member of the model's owner team. */
    @Transactional
    public RegisteredModel register(Actor actor, ModelRegistration registration) {
        if (!actor.memberOf(registration.ownerTeam())) {
            var refusal = RegistryRefusals.notATeamMember(registration.ownerTeam(), actor.teams());
            audit.recordAlone(actor, AuditActions.MODEL_REGISTRATION_REFUSED,
                    AuditSubject.model(registration.name().value()),
                    Map.of("rule", refusal.rule(), "ownerTeam", registration.ownerTeam(), "teams", actor.teams()));
            throw refusal;
        }
        var model = new RegisteredModel(registration.name(), registration.description(), registration.ownerTeam(),
                registration.riskTier(), registration.tags(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                actor.username(), 0);
        if (!catalog.add(model)) {
            throw RegistryRefusals.duplicateModel(registration.name().value());
        }
        var details = new LinkedHashMap<String, Object>();
        details.put("ownerTeam", model.ownerTeam());
        details.put("riskTier", model.riskTier().name());
        details.put("description", model.description());
        details.put("tags", model.tags());
        audit.record(actor, AuditActions.MODEL_REGISTERED, AuditSubject.model(model.name().value()), details, null);
        return model;
    }

    /**
     * A governance admin changes a model's risk tier, owner team or both, for a reason. The change, its audit event
     * ({@code model.reclassified} with from, to and reason) and what the {@link ReclassificationListener} does are
     * one transaction. A request that changes nothing records nothing.
     *
     * @param riskTier the new tier, or null to keep it
     * @param ownerTeam the new owner team (a team the {@link TeamDirectory} knows), or null to keep it
     */
    @Transactional
    public RegisteredModel reclassify(Actor actor, String name, RiskTier riskTier, String ownerTeam, String reason) {
        var modelName = parse(name);
        if (!actor.hasRole(Roles.GOVERNANCE_ADMIN)) {
            var refusal = RegistryRefusals.notAGovernanceAdmin(Roles.GOVERNANCE_ADMIN);
            audit.recordAlone(actor, AuditActions.MODEL_RECLASSIFICATION_REFUSED, AuditSubject.model(name),
                    Map.of("rule", refusal.rule(), "roles", actor.roles()));
            throw refusal;
        }
        if (riskTier == null && ownerTeam == null) {
            throw RegistryRefusals.nothingToReclassify();
        }
        if (reason == null || reason.isBlank()) {
            throw RegistryRefusals.reasonRequired();
        }
        if (ownerTeam != null && !teams.exists(ownerTeam)) {
            throw RegistryRefusals.unknownTeam(ownerTeam, teams.teams());
        }
        var model = catalog.modelForUpdate(modelName).orElseThrow(() -> RegistryRefusals.unknownModel(name));
        var toTier = riskTier == null ? model.riskTier() : riskTier;
        var toTeam = ownerTeam == null ? model.ownerTeam() : ownerTeam;
        if (toTier == model.riskTier() && toTeam.equals(model.ownerTeam())) {
            return model;
        }
        catalog.reclassify(modelName, toTier, toTeam);
        var details = new LinkedHashMap<String, Object>();
        details.put("from", Map.of("riskTier", model.riskTier().name(), "ownerTeam", model.ownerTeam()));
        details.put("to", Map.of("riskTier", toTier.name(), "ownerTeam", toTeam));
        details.put("reason", reason);
        audit.record(actor, AuditActions.MODEL_RECLASSIFIED, AuditSubject.model(name), details, null);
        reclassifications.reclassified(name, model.riskTier().name(), toTier.name(), model.ownerTeam(), toTeam,
                reason);
        return catalog.model(modelName).orElseThrow();
    }

    /**
     * A member of the model's owner team changes its description (not part of any version's evidence); audited as
     * {@code model.described} with the description before and after. A description that changes nothing records
     * nothing.
     */
    @Transactional
    public RegisteredModel describe(Actor actor, String name, String description) {
        var modelName = parse(name);
        var model = catalog.modelForUpdate(modelName).orElseThrow(() -> RegistryRefusals.unknownModel(name));
        if (!actor.memberOf(model.ownerTeam())) {
            throw RegistryRefusals.notATeamMember(model.ownerTeam(), actor.teams());
        }
        var text = description == null ? "" : description;
        if (text.equals(model.description())) {
            return model;
        }
        catalog.describe(modelName, text);
        var details = new LinkedHashMap<String, Object>();
        details.put("from", model.description());
        details.put("to", text);
        audit.record(actor, AuditActions.MODEL_DESCRIBED, AuditSubject.model(name), details, null);
        return catalog.model(modelName).orElseThrow();
    }

    @ReadOnly
    public RegisteredModel model(String name) {
        return catalog.model(parse(name)).orElseThrow(() -> RegistryRefusals.unknownModel(name));
    }

    @ReadOnly
    public Page<RegisteredModel> search(ModelSearch search, PageRequest page) {
        return catalog.search(search, page);
    }

    @ReadOnly
    public ModelVersion version(String name, int version) {
        var model = model(name);
        return catalog.version(model.name(), version)
                .orElseThrow(() -> RegistryRefusals.unknownVersion(name, version));
    }

    /**
     * The versions named by {@code names[i]}/{@code versions[i]} in one query (e.g. a page of the inbox), in the order
     * asked; a pair that names no version is left out.
     */
    @ReadOnly
    public java.util.List<ModelVersion> versions(java.util.List<String> names, java.util.List<Integer> versions) {
        var models = new java.util.ArrayList<ModelName>();
        var numbers = new java.util.ArrayList<Integer>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) != null && ModelName.RULE.matcher(names.get(i)).matches()) {
                models.add(new ModelName(names.get(i)));
                numbers.add(versions.get(i));
            }
        }
        return catalog.versions(models, numbers);
    }

    @ReadOnly
    public Page<ModelVersion> versions(String name, LifecycleState state, PageRequest page) {
        return catalog.versions(model(name).name(), state, page);
    }

    /** A name that breaks the naming rule cannot be registered, so it is reported as not found. */
    static ModelName parse(String name) {
        if (name == null || !ModelName.RULE.matcher(name).matches()) {
            throw RegistryRefusals.unknownModel(name);
        }
        return new ModelName(name);
    }
}
