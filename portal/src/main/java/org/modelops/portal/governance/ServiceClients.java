package org.modelops.portal.governance;

import java.net.URI;
import java.util.function.Supplier;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

/** The REST client every adapter uses: the user's access token as the bearer, a problem answer as a refusal. */
final class ServiceClients {

    private ServiceClients() {
    }

    static RestClient asUser(RestClient.Builder builder, URI serviceUrl, Supplier<String> accessToken,
            JsonMapper json) {
        return builder.clone()
                .baseUrl(serviceUrl.toString())
                .requestInitializer(request -> request.getHeaders().setBearerAuth(accessToken.get()))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw HttpGovernanceApi.refusal(response, json);
                })
                .build();
    }
}
