package org.modelops.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The portal's policy admits what Vaadin Flow needs to start and nothing from elsewhere. */
class ContentSecurityPolicyTest {

    private final Map<String, String> directives = Arrays.stream(SecurityConfiguration.CONTENT_SECURITY_POLICY
            .split(";")).map(String::trim).collect(Collectors.toMap(d -> d.split(" ", 2)[0], d -> d.split(" ", 2)[1]));

    @Test
    void vaadinsClientEngineMayStartAndRunWhatTheServerSends() {
        assertThat(directives.get("script-src")).contains("'self'", "'unsafe-inline'", "'unsafe-eval'");
        assertThat(directives.get("style-src")).contains("'self'", "'unsafe-inline'");
    }

    @Test
    void nothingLoadsFromOtherOriginsAndNoOtherSiteMayFrameThePortal() {
        assertThat(directives.get("default-src")).isEqualTo("'self'");
        assertThat(directives.get("frame-ancestors")).isEqualTo("'none'");
        assertThat(directives.get("object-src")).isEqualTo("'none'");
        assertThat(directives.values()).noneMatch(value -> value.contains("*") || value.contains("http"));
    }
}
