package org.modelops.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.modelops.client.api.MlflowApi;
import org.modelops.client.api.RegistryApi;
import org.modelops.client.model.MlflowModelVersionResponse;
import org.modelops.client.model.Version;

/** The client generated from openapi.yml compiles and is usable as generated; no service is called. */
class GeneratedClientTest {

    @Test
    void theGeneratedClientPointsAtTheService() {
        var client = new ApiClient();
        client.updateBaseUri("http://localhost:8080");
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer <token>"));
        var registry = new RegistryApi(client);
        var mlflow = new MlflowApi(client);
        assertEquals("http://localhost:8080", client.getBaseUri());
        assertEquals(RegistryApi.class, registry.getClass());
        assertEquals(MlflowApi.class, mlflow.getClass());
        assertEquals(2, new Version().version(2).getVersion());
        assertEquals("READY", new MlflowModelVersionResponse().modelVersion(
                new org.modelops.client.model.MlflowModelVersion().status(
                        org.modelops.client.model.MlflowModelVersion.StatusEnum.READY))
                .getModelVersion().getStatus()
                .getValue());
    }
}
