package org.modelops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The running governance service, reached over HTTP/1.1 with a {@code ci-pipeline} client-credentials token. */
final class ApiTarget {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Refresh a token this long before it expires, so no request goes out with one about to lapse. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);

    private final Options options;
    private final Payload payload;
    private final String serviceUrl;
    private final HttpClient adminClient;
    private String token;
    private long tokenRefreshAt;

    ApiTarget(Options options, Payload payload) {
        this(options, payload, options.serviceUrl());
    }

    /** The same caller against another service instance (another database state). */
    ApiTarget(Options options, Payload payload, String serviceUrl) {
        this.options = options;
        this.payload = payload;
        this.serviceUrl = serviceUrl;
        this.adminClient = newClient();
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A valid access token, fetched anew when the current one is close to expiry. */
    synchronized String token() throws IOException, InterruptedException {
        if (token == null || System.nanoTime() - tokenRefreshAt >= 0) {
            var basic = Base64.getEncoder().encodeToString(
                    (enc(options.clientId()) + ":" + enc(options.clientSecret())).getBytes(StandardCharsets.UTF_8));
            var request = HttpRequest.newBuilder(URI.create(options.tokenUrl())).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
            long asked = System.nanoTime();
            var response = adminClient.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("token request to " + options.tokenUrl() + " answered HTTP "
                        + response.statusCode() + ": " + abbreviate(response.body()));
            }
            JsonNode body = JSON.readTree(response.body());
            token = body.path("access_token").asText(null);
            if (token == null) {
                throw new IOException("no access_token in the token response");
            }
            long lifetime = body.path("expires_in").asLong(300);
            tokenRefreshAt = asked + Duration.ofSeconds(Math.max(lifetime - TOKEN_MARGIN.toSeconds(), 10)).toNanos();
        }
        return token;
    }

    /** Registers a fresh model; anything but 201 is fatal (the names are new, so 409 means a clash). */
    void registerModel(String name) throws IOException, InterruptedException {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", name);
        body.put("description", "Benchmark model created by org.modelops.bench.SubmissionBenchmark.");
        body.put("ownerTeam", "risk-analytics");
        body.put("riskTier", "LOW");
        body.put("tags", Map.of("bench", "true"));
        var request = authorized(serviceUrl + "/api/v1/models")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        var response = adminClient.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("registering model " + name + " answered HTTP " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
    }

    /** The model's latest version number as the service reports it. */
    int latestVersion(String name) throws IOException, InterruptedException {
        var request = authorized(serviceUrl + "/api/v1/models/" + name).GET().build();
        var response = adminClient.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET model " + name + " answered HTTP " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return JSON.readTree(response.body()).path("latestVersion").asInt(-1);
    }

    /** How many of the model's versions are still being validated (submitted, validating, challenging). */
    long awaitingVerdicts(String name) throws IOException, InterruptedException {
        long total = 0;
        for (var state : List.of("REGISTERED", "VALIDATING", "CHALLENGING")) {
            var request = authorized(serviceUrl + "/api/v1/models/" + name + "/versions?state=" + state + "&size=1")
                    .GET().build();
            var response = adminClient.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET versions of " + name + " answered HTTP " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
            total += JSON.readTree(response.body()).path("total").asLong();
        }
        return total;
    }

    /** Client {@code index} submits versions of {@code models.get(index % models.size())} over its own connection. */
    LoadRunner.WorkerFactory submitters(List<String> models) {
        return index -> new Submitter(models.get(index % models.size()));
    }

    private HttpRequest.Builder authorized(String url) throws IOException, InterruptedException {
        return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private final class Submitter implements LoadRunner.Worker {

        private final HttpClient client = newClient();
        private final String model;
        private final URI uri;
        private long sequence;
        private String bearer;
        private String body;

        Submitter(String model) {
            this.model = model;
            this.uri = URI.create(serviceUrl + "/api/v1/models/" + model + "/versions");
        }

        @Override
        public void prepare() throws Exception {
            bearer = "Bearer " + token();
            body = payload.apiBody(model, ++sequence);
        }

        @Override
        public String call() throws Exception {
            var builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Authorization", bearer)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (options.idempotencyKeys()) {
                builder.header("Idempotency-Key", "bench-" + UUID.randomUUID());
            }
            var response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return null;
            }
            return "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        var oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
