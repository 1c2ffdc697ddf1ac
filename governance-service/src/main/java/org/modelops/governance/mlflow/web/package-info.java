/** The MLflow REST routes under {@code /api/2.0/mlflow} and {@code /ajax-api/2.0/mlflow}, and MLflow's error shape. */
package org.modelops.governance.mlflow.web;
