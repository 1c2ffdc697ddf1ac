package org.modelops.governance.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Every answer, errors included, tells browsers not to guess content types, not to frame it, not to run or load
 * anything from it, and not to leak its URLs as referrers: the API serves data and documents, never pages.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeaders implements Ordered {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none';"
            + " form-action 'none'";

    @ResponseFilter
    void addHeaders(MutableHttpResponse<?> response) {
        var headers = response.getHeaders();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
    }

    /** Outermost, so that its response phase also sees the answers of the security filter (401, 403). */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
