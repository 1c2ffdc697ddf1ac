/**
 * Governance policies: versioned, human-readable YAML documents ({@code policies/}, docs/policies.md) that say what
 * evidence a version needs, which KPI and fairness limits it must meet, how it must beat the champion, who approves
 * it and how it rolls out. Every published version is kept with its content hash; every lifecycle pins the exact
 * version it started under.
 */
package org.modelops.governance.policy;
