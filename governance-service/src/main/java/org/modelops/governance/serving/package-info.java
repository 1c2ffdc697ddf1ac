/**
 * The serving phase of a version's lifecycle (docs/lifecycle.md): what a monitoring breach sets off (alert, review
 * task, automatic rollback through the governed rollback, retraining request) — and, during a canary's rollout,
 * the governed stop of the rollout —, periodic re-certification, and the review tasks people decide in the inbox.
 */
package org.modelops.governance.serving;
