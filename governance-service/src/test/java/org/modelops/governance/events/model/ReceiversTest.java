package org.modelops.governance.events.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelops.governance.shared.FieldViolation;

class ReceiversTest {

    private final Receivers anyHost = new Receivers(List.of());

    @Test
    void anHttpOrHttpsUrlWithAHostIsAccepted() {
        assertThat(anyHost.violations("url", "https://hooks.example.com/modelops?team=risk")).isEmpty();
        assertThat(anyHost.violations("url", "http://127.0.0.1:9000/events")).isEmpty();
    }

    @Test
    void otherSchemesCredentialsFragmentsAndMissingHostsAreRefusedByRule() {
        assertThat(rule("ftp://example.com/x")).isEqualTo("scheme");
        assertThat(rule("file:///etc/passwd")).isEqualTo("scheme");
        assertThat(rule("/relative/path")).isEqualTo("scheme");
        assertThat(rule("https://user:secret@example.com/x")).isEqualTo("credentials");
        assertThat(rule("https://example.com/x#part")).isEqualTo("fragment");
        assertThat(rule("https:///nohost")).isEqualTo("host");
        assertThat(rule("https://exa mple.com/")).isEqualTo("format");
        assertThat(rule("")).isEqualTo("required");
        assertThat(rule("https://example.com/" + "a".repeat(2000))).isEqualTo("maxLength");
    }

    @Test
    void withAnAllowListOnlyItsHostsAndSubdomainsAreAccepted() {
        var receivers = new Receivers(List.of("hooks.example.com", " *.internal.example.org "));

        assertThat(receivers.allowed("hooks.example.com")).isTrue();
        assertThat(receivers.allowed("HOOKS.example.com")).isTrue();
        assertThat(receivers.allowed("a.internal.example.org")).isTrue();
        assertThat(receivers.allowed("internal.example.org")).isFalse();
        assertThat(receivers.allowed("evil-internal.example.org")).isFalse();
        assertThat(receivers.allowed("169.254.169.254")).isFalse();
        assertThat(receivers.violations("url", "http://169.254.169.254/latest/meta-data"))
                .extracting(FieldViolation::rule).containsExactly("allowed-hosts");
    }

    private String rule(String url) {
        var violations = anyHost.violations("url", url);
        assertThat(violations).as(url).hasSize(1);
        assertThat(violations.getFirst().field()).isEqualTo("url");
        return violations.getFirst().rule();
    }
}
