/** The MLflow mapping's rules, plain Java: error codes, search filters and page tokens, aliases, evidence tags. */
package org.modelops.governance.mlflow.model;
