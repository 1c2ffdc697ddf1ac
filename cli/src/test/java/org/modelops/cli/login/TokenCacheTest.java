package org.modelops.cli.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelops.cli.ExitCode;
import org.modelops.cli.Run;

class TokenCacheTest {

    @TempDir
    Path dir;

    private final Instant now = Instant.parse("2026-12-01T10:00:00Z");

    private Tokens tokens(String url, String access, Instant expiresAt) {
        return new Tokens(url, "http://kc/realms/modelops", "modelops-cli", Tokens.DEVICE_CODE, access, expiresAt,
                null, null);
    }

    @Test
    void theFileIsOwnerOnlyAndKeepsOneLoginPerService() throws Exception {
        var cache = new TokenCache(dir.resolve("modelops"));
        cache.put(tokens("http://a:8080/", "token-a", now.plusSeconds(300)));
        cache.put(tokens("http://b:8080", "token-b", now.plusSeconds(300)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file().getParent())))
                .isEqualTo("rwx------");
        assertThat(cache.get("http://a:8080").orElseThrow().accessToken()).isEqualTo("token-a");
        assertThat(cache.get("http://b:8080/").orElseThrow().expiresAt()).isEqualTo(now.plusSeconds(300));
        assertThat(cache.remove("http://a:8080")).isTrue();
        assertThat(cache.get("http://a:8080")).isEmpty();
        assertThat(cache.remove("http://a:8080")).isFalse();
        try (var files = Files.list(cache.file().getParent())) {
            assertThat(files).containsExactly(cache.file());
        }
    }

    @Test
    void anAccessTokenCountsAsExpiredThirtySecondsEarly() {
        var t = tokens("http://a", "x", now.plusSeconds(60));
        assertThat(t.accessValidAt(now)).isTrue();
        assertThat(t.accessValidAt(now.plusSeconds(31))).isFalse();
    }

    @Test
    void aTokenAnswerIsTurnedIntoExpiries() {
        var answer = org.modelops.cli.http.Json.object().put("access_token", "a").put("expires_in", 300)
                .put("refresh_token", "r").put("refresh_expires_in", 1800);
        var t = Tokens.of("http://a", "i", "c", Tokens.DEVICE_CODE, answer, now);
        assertThat(t.expiresAt()).isEqualTo(now.plusSeconds(300));
        assertThat(t.refreshExpiresAt()).isEqualTo(now.plusSeconds(1800));
        assertThat(t.refreshValidAt(now.plusSeconds(1000))).isTrue();
        assertThat(t.refreshValidAt(now.plusSeconds(1790))).isFalse();
    }

    @Test
    void theSubjectIsReadFromTheToken() {
        var payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"1\",\"preferred_username\":\"erin\"}".getBytes());
        assertThat(Tokens.subjectOf("h." + payload + ".s")).isEqualTo("erin");
        assertThat(Tokens.subjectOf("opaque")).isEqualTo("?");
    }

    @Test
    void aCachedTokenIsUsedAndModelopsTokenOverridesIt() throws Exception {
        try (var service = new org.modelops.cli.StandIn(request -> org.modelops.cli.StandIn.Answer.json(200,
                "{\"name\":\"m\",\"latestVersion\":0}"))) {
            var config = dir.resolve("cfg");
            new TokenCache(config).put(tokens(service.url(), "cached", Instant.now().plusSeconds(600)));
            assertThat(Run.of(Map.of("MODELOPS_URL", service.url()), config, "status", "m").exit).isZero();
            assertThat(
                    Run.of(Map.of("MODELOPS_URL", service.url(), "MODELOPS_TOKEN", "env"), config, "status", "m").exit)
                    .isZero();
            assertThat(service.requests()).extracting(r -> r.header("Authorization"))
                    .containsExactly("Bearer cached", "Bearer env");
        }
    }

    @Test
    void anExpiredLoginWithoutRefreshOrCredentialsSaysToLogInAgain() {
        var config = dir.resolve("cfg");
        new TokenCache(config).put(tokens("http://127.0.0.1:9", "old", Instant.now().minusSeconds(5)));
        var result = Run.of(Map.of("MODELOPS_URL", "http://127.0.0.1:9"), config, "status", "m");
        assertThat(result.exit).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(result.err).contains("has expired").contains("modelops login");
    }

    @Test
    void logoutForgetsTheLogin() {
        var config = dir.resolve("cfg");
        new TokenCache(config).put(tokens("http://127.0.0.1:9", "x", Instant.now().plusSeconds(60)));
        var result = Run.of(Map.of(), config, "logout", "--url", "http://127.0.0.1:9");
        assertThat(result.exit).isZero();
        assertThat(result.out).contains("Logged out");
        assertThat(new TokenCache(config).get("http://127.0.0.1:9")).isEmpty();
    }
}
