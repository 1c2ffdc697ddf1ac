package org.modelops.governance.mlflow.web;

import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.modelops.governance.mlflow.MlflowRegistry;
import org.modelops.governance.mlflow.MlflowTracking;

/** The same routes under the prefix MLflow's web UI uses. */
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/ajax-api/2.0/mlflow")
class MlflowAjaxApi extends MlflowRoutes {

    MlflowAjaxApi(MlflowRegistry registry, MlflowTracking tracking) {
        super(registry, tracking);
    }
}
