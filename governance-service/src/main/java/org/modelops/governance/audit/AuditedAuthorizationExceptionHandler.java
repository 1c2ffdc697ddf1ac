package org.modelops.governance.audit;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.security.Actors;

/**
 * A refused attempt at a governed action is itself an audit event: an authenticated caller whose roles do not allow
 * the action is recorded with what they tried, before the 403 answers.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class AuditedAuthorizationExceptionHandler extends DefaultAuthorizationExceptionHandler {

    private final AuditLog audit;

    AuditedAuthorizationExceptionHandler(ErrorResponseProcessor<?> errorResponseProcessor,
            RedirectConfiguration redirectConfiguration, RedirectService redirectService,
            List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challengeProviders,
            @Nullable PriorToLoginPersistence priorToLoginPersistence, AuditLog audit) {
        super(errorResponseProcessor, redirectConfiguration, redirectService, challengeProviders,
                priorToLoginPersistence);
        this.audit = audit;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden() && exception.getAuthentication() != null) {
            audit.recordAlone(Actors.of(exception.getAuthentication()), "access.denied",
                    new AuditSubject("endpoint", request.getMethodName() + " " + request.getPath()),
                    Map.of("method", request.getMethodName(), "path", request.getPath()));
        }
        return super.handle(request, exception);
    }
}
