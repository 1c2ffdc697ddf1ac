/**
 * The model registry: registered models and their numbered versions with the evidence they were submitted with
 * (artifact and data digests, code reference, parameters, metrics overall and per slice). Close to MLflow's registry
 * so that an MLflow-compatible API can sit on it. Submitting a version hands it to the lifecycle.
 */
package org.modelops.governance.registry;
