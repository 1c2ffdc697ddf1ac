package org.modelops.governance.events.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.modelops.governance.shared.FieldViolation;

/**
 * Which receiver URLs a subscription may name: absolute {@code http} or {@code https}, with a host, without
 * credentials or fragment; and, when {@code allowedHosts} is not empty, a host on that list (an entry
 * {@code *.example.com} allows every host under example.com). The allow-list is the defence against a subscription
 * that points the service at internal addresses (SSRF).
 */
public record Receivers(List<String> allowedHosts) {

    public static final int MAX_URL_LENGTH = 2000;

    public Receivers {
        allowedHosts = allowedHosts == null
                ? List.of()
                : allowedHosts.stream().map(String::trim).filter(host -> !host.isEmpty())
                        .map(host -> host.toLowerCase(Locale.ROOT)).toList();
    }

    public List<FieldViolation> violations(String field, String url) {
        var violations = new ArrayList<FieldViolation>();
        if (url == null || url.isBlank()) {
            violations.add(new FieldViolation(field, "required", "a receiver URL is required"));
            return violations;
        }
        if (url.length() > MAX_URL_LENGTH) {
            violations.add(new FieldViolation(field, "maxLength", "at most " + MAX_URL_LENGTH + " characters, was "
                    + url.length()));
            return violations;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            violations.add(new FieldViolation(field, "format", "is not a URL: " + e.getMessage()));
            return violations;
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            violations.add(new FieldViolation(field, "scheme", "must be an http or https URL, was scheme '"
                    + scheme + "'"));
        } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
            violations.add(new FieldViolation(field, "host", "must name a host"));
        } else if (uri.getRawUserInfo() != null) {
            violations.add(new FieldViolation(field, "credentials", "must not carry credentials (user:password@):"
                    + " receivers check the signature instead"));
        } else if (uri.getRawFragment() != null) {
            violations.add(new FieldViolation(field, "fragment", "must not have a fragment (#…)"));
        } else if (!allowed(uri.getHost())) {
            violations.add(new FieldViolation(field, "allowed-hosts", "host '" + uri.getHost()
                    + "' is not on the allow-list governance.events.allowed-hosts " + allowedHosts));
        }
        return violations;
    }

    public boolean allowed(String host) {
        if (allowedHosts.isEmpty()) {
            return true;
        }
        var lower = host.toLowerCase(Locale.ROOT);
        return allowedHosts.stream().anyMatch(entry -> entry.startsWith("*.")
                ? lower.endsWith(entry.substring(1))
                : lower.equals(entry));
    }
}
