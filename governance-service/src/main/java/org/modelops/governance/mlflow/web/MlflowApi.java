package org.modelops.governance.mlflow.web;

import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.modelops.governance.mlflow.MlflowRegistry;
import org.modelops.governance.mlflow.MlflowTracking;

/** MLflow's registry under its REST prefix, where the Python client sends it. */
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/api/2.0/mlflow")
class MlflowApi extends MlflowRoutes {

    MlflowApi(MlflowRegistry registry, MlflowTracking tracking) {
        super(registry, tracking);
    }
}
