package org.modelops.governance.audit;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.security.Actors;
import org.modelops.governance.shared.Digests;
import org.modelops.governance.shared.Refusal;
import org.modelops.governance.web.DatabaseUnavailable;

/**
 * A refused attempt at a governed action is itself an audit event: an authenticated caller whose roles do not allow
 * the action is recorded with what they tried, before the 403 answers — unless the caller has been refused too often
 * lately ({@link RefusedAttempts}): then the answer is 429 and the attempt is counted into one aggregated event.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class AuditedAuthorizationExceptionHandler extends DefaultAuthorizationExceptionHandler {

    /** The width of {@code audit_events.subject_id}. */
    static final int SUBJECT_ID_LENGTH = 300;
    /** What is kept of an endpoint too long for the subject id; its length and digest identify the rest. */
    static final int KEPT_LENGTH = 200;

    private final AuditLog audit;
    private final RefusedAttempts refusedAttempts;
    private final ErrorResponseProcessor<?> problems;

    AuditedAuthorizationExceptionHandler(ErrorResponseProcessor<?> errorResponseProcessor,
            RedirectConfiguration redirectConfiguration, RedirectService redirectService,
            List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challengeProviders,
            @Nullable PriorToLoginPersistence priorToLoginPersistence, AuditLog audit,
            RefusedAttempts refusedAttempts) {
        super(errorResponseProcessor, redirectConfiguration, redirectService, challengeProviders,
                priorToLoginPersistence);
        this.audit = audit;
        this.refusedAttempts = refusedAttempts;
        this.problems = errorResponseProcessor;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden() && exception.getAuthentication() != null) {
            var actor = Actors.of(exception.getAuthentication());
            var endpoint = request.getMethodName() + " " + request.getPath();
            var shortened = shorten(endpoint);
            var throttled = refusedAttempts.admit(actor, shortened);
            if (throttled.isPresent()) {
                long seconds = Math.max(1, (throttled.get().toMillis() + 999) / 1000);
                var refusal = new Refusal(Refusal.Kind.TOO_MANY, "too-many-refused-attempts",
                        "Too many refused attempts; this one was counted, not recorded on its own. Retry after "
                                + seconds + " s.");
                return problems.processResponse(ErrorContext.builder(request).cause(refusal).build(),
                        HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)).header(HttpHeaders.RETRY_AFTER,
                                Long.toString(seconds));
            }
            var details = new LinkedHashMap<String, Object>();
            details.put("method", request.getMethodName());
            details.put("path", endpoint.equals(shortened) ? request.getPath() : cut(request.getPath()));
            if (!endpoint.equals(shortened)) {
                details.put("pathLength", request.getPath().length());
                details.put("pathSha256", Digests.sha256Hex(request.getPath()));
            }
            try {
                audit.recordAlone(actor, AuditActions.ACCESS_DENIED, new AuditSubject("endpoint", shortened), details);
            } catch (RuntimeException e) {
                if (DatabaseUnavailable.causedBy(e)) {
                    return DatabaseUnavailable.response(problems, request, e);
                }
                throw e;
            }
        }
        return super.handle(request, exception);
    }

    /** An endpoint longer than the subject id keeps its first characters and an ellipsis; see docs/audit.md. */
    static String shorten(String endpoint) {
        return endpoint.length() <= SUBJECT_ID_LENGTH ? endpoint : cut(endpoint);
    }

    private static String cut(String text) {
        if (text.length() <= KEPT_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(KEPT_LENGTH - 1)) ? KEPT_LENGTH - 1 : KEPT_LENGTH;
        return text.substring(0, end) + "…";
    }
}
