/**
 * An MLflow-compatible model registry ({@code /api/2.0/mlflow/…}) over the governed registry and lifecycle: what the
 * official MLflow client sends is mapped onto models, versions and their evidence (docs/mlflow.md), a version created
 * through MLflow runs the same lifecycle as one submitted on {@code /api/v1}, and the aliases the lifecycle owns
 * ({@code champion}, {@code challenger}) are read from it and refused to clients. There is no second store of truth:
 * only the free aliases a client sets are kept here.
 */
package org.modelops.governance.mlflow;
