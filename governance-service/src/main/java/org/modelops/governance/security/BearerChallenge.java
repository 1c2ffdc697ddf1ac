package org.modelops.governance.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import jakarta.inject.Singleton;

/** RFC 6750: a 401 tells the client to bring a bearer token, and whether the one it brought was refused. */
@Singleton
class BearerChallenge implements WwwAuthenticateChallengeProvider<HttpRequest<?>> {

    @Override
    public String getWwwAuthenticateChallenge(HttpRequest<?> request) {
        boolean hadToken = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7)).isPresent();
        return hadToken ? "Bearer realm=\"modelops\", error=\"invalid_token\"" : "Bearer realm=\"modelops\"";
    }
}
