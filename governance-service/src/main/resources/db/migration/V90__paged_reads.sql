-- Lists page, filter and count in the database (docs/api.md, "Lists"). The catalog's risk-tier filter, in the
-- catalog's name order; the other filters have their indexes already: a model's versions (model_id, version) and
-- (state, model_id), the audit trail's subject, actor, action and time indexes, and for the inbox's "not decided on the
-- current evidence" the unique (version_id, decided_by, evidence) index of approval_decisions.
CREATE INDEX registered_models_risk_tier ON registered_models (risk_tier, name);
