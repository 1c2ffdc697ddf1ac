package org.modelops.governance.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.ServiceTest;

/**
 * The service's routes (Micronaut's route table of the booted service) and openapi.yml agree: every route under
 * {@code /api/v1} and {@code /api/2.0/mlflow} is documented, and every documented operation exists. When an endpoint
 * is added without documenting it (or documented and then removed), this fails and lists exactly which.
 */
@MicronautTest
class OpenApiRoutesTest extends ServiceTest {

    @Inject
    Router router;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    /** "GET /api/v1/models/{}/versions": the method and the path, variables unnamed, query variables left out. */
    static String operation(String method, String template) {
        var path = template.replaceAll("\\{[?&][^}]*}", "").replaceAll("\\{[^}]*}", "{}");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }

    private static boolean governed(String path) {
        return path.startsWith("/api/v1/") || path.startsWith("/api/2.0/mlflow/");
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationExists() throws IOException {
        var routes = new TreeSet<String>();
        router.uriRoutes().forEach(route -> {
            var operation = operation(route.getHttpMethodName(), route.getUriMatchTemplate().toString());
            // Micronaut answers HEAD for every GET by itself
            if (governed(operation.substring(operation.indexOf(' ') + 1)) && !operation.startsWith("HEAD ")) {
                routes.add(operation);
            }
        });
        var documented = new TreeSet<String>();
        var api = OpenApiDocumentTest.parse(new ArrayList<>());
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, ignored) -> {
            if (governed(path)) {
                documented.add(operation(method.name(), path));
            }
        }));
        var undocumented = new TreeSet<>(routes);
        undocumented.removeAll(documented);
        var nonexistent = new TreeSet<>(documented);
        nonexistent.removeAll(routes);
        assertThat(undocumented).as("routes missing from governance-service/src/main/resources/public/openapi.yml"
                + " (document each, with a schema for every response)").isEmpty();
        assertThat(nonexistent).as("operations documented in openapi.yml that the service does not serve")
                .isEmpty();
        assertThat(routes).contains("POST /api/v1/models", "GET /api/v1/models/{}/versions/{}");
    }
}
