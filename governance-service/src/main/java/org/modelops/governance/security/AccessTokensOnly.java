package org.modelops.governance.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Keycloak signs ID tokens and refresh tokens with the same realm key as access tokens; only an access token
 * ({@code typ} {@code Bearer}) may call the API. The audience ({@code aud}, configured as
 * {@code micronaut.security.token.jwt.claims-validators.audience}) then says it was issued for this service.
 */
@Singleton
class AccessTokensOnly implements GenericJwtClaimsValidator<HttpRequest<?>> {

    static final String ACCESS_TOKEN_TYPE = "Bearer";

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        return ACCESS_TOKEN_TYPE.equals(claims.get("typ"));
    }
}
