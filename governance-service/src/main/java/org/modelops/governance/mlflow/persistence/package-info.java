/** PostgreSQL behind the MLflow mapping: free aliases, and the searches of MLflow's filter grammar. */
package org.modelops.governance.mlflow.persistence;
