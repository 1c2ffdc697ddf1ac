package org.modelops.portal.governance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

import tools.jackson.databind.json.JsonMapper;

/** Calls the governance service's REST API as the signed-in user (their access token as the bearer). */
public class HttpGovernanceApi implements GovernanceApi {

    private static final ParameterizedTypeReference<Page<DecisionTask>> TASKS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Page<ModelSummary>> MODELS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Page<ModelVersion>> VERSIONS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<TimelineEntry>> TIMELINE = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Page<AuditEvent>> AUDIT = new ParameterizedTypeReference<>() {
    };

    private final RestClient client;
    private final JsonMapper json;
    private final RestClient.Builder builder;
    private final URI serviceUrl;
    private final Supplier<String> accessToken;

    public HttpGovernanceApi(RestClient.Builder builder, URI serviceUrl, Supplier<String> accessToken,
            JsonMapper json) {
        this.json = json;
        this.builder = builder;
        this.serviceUrl = serviceUrl;
        this.accessToken = accessToken;
        this.client = builder.clone()
                .baseUrl(serviceUrl.toString())
                .requestInitializer(request -> request.getHeaders().setBearerAuth(accessToken.get()))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw refusal(response, json);
                })
                .build();
    }

    @Override
    public GovernanceApi forBackgroundWork() {
        var token = accessToken.get();
        return new HttpGovernanceApi(builder, serviceUrl, () -> token, json);
    }

    @Override
    public Page<DecisionTask> inbox() {
        return call(() -> client.get().uri("/api/v1/tasks?size=200").retrieve().body(TASKS));
    }

    @Override
    public Page<DecisionTask> inbox(InboxFilter filter, int page, int size) {
        return call(() -> client.get()
                .uri(uri -> query(uri.path("/api/v1/tasks"), filter.parameters()).queryParam("page", page)
                        .queryParam("size", size)
                        .build())
                .retrieve()
                .body(TASKS));
    }

    @Override
    public InboxPage inboxFirstPage(int size) {
        return call(() -> client.get()
                .uri("/api/v1/tasks?page=0&size={size}", size)
                .retrieve()
                .body(InboxPage.class));
    }

    @Override
    public Optional<DecisionTask> task(String id) {
        try {
            return Optional.of(call(() -> client.get().uri("/api/v1/tasks/{id}", id).retrieve()
                    .body(DecisionTask.class)));
        } catch (ServiceRefusal refusal) {
            if (refusal.status() == 404) {
                return Optional.empty();
            }
            throw refusal;
        }
    }

    @Override
    public void decide(String taskId, Decision decision, String comment, String evidenceSha256) {
        var body = new LinkedHashMap<String, Object>();
        body.put("decision", decision.name());
        body.put("comment", comment == null ? "" : comment);
        if (evidenceSha256 != null) {
            body.put("evidenceSha256", evidenceSha256);
        }
        call(() -> client.post()
                .uri("/api/v1/tasks/{id}/decision", taskId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toBodilessEntity());
    }

    @Override
    public Page<ModelSummary> models(CatalogFilter filter, int page, int size) {
        return call(() -> client.get()
                .uri(uri -> query(uri.path("/api/v1/models"), filter.parameters()).queryParam("page", page)
                        .queryParam("size", size)
                        .build())
                .retrieve()
                .body(MODELS));
    }

    @Override
    public ModelSummary model(String name) {
        return call(() -> client.get().uri("/api/v1/models/{name}", name).retrieve().body(ModelSummary.class));
    }

    @Override
    public Page<ModelVersion> versions(String model, String state, int page, int size) {
        return call(() -> client.get()
                .uri(uri -> {
                    uri.path("/api/v1/models/{name}/versions").queryParam("page", page).queryParam("size", size);
                    if (state != null) {
                        uri.queryParam("state", state);
                    }
                    return uri.build(model);
                })
                .retrieve()
                .body(VERSIONS));
    }

    @Override
    public Deployment deployment(String model) {
        return call(() -> client.get()
                .uri("/api/v1/models/{name}/deployment", model)
                .retrieve()
                .body(Deployment.class));
    }

    @Override
    public List<TimelineEntry> timeline(String model, int version) {
        return call(() -> client.get()
                .uri("/api/v1/models/{name}/versions/{version}/timeline", model, version)
                .retrieve()
                .body(TIMELINE));
    }

    @Override
    public Rollback rollBack(String model, int expectedVersion, String reason) {
        return call(() -> client.post()
                .uri("/api/v1/models/{name}/rollback", model)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", reason, "expectedVersion", expectedVersion))
                .retrieve()
                .body(Rollback.class));
    }

    @Override
    public void retire(String model, int version, String reason) {
        call(() -> client.post()
                .uri("/api/v1/models/{name}/versions/{version}/retire", model, version)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", reason))
                .retrieve()
                .toBodilessEntity());
    }

    @Override
    public Page<AuditEvent> auditEvents(AuditFilter filter, int page, int size) {
        return call(() -> client.get()
                .uri(uri -> query(uri.path("/api/v1/audit"), filter.parameters()).queryParam("page", page)
                        .queryParam("size", size)
                        .build())
                .retrieve()
                .body(AUDIT));
    }

    @Override
    public IntegrityReport verifyAuditTrail() {
        return call(() -> client.get().uri("/api/v1/audit/verify").retrieve().body(IntegrityReport.class));
    }

    @Override
    public Download exportAuditTrail(AuditFilter filter, ExportFormat format) {
        return call(() -> client.get()
                .uri(uri -> query(uri.path("/api/v1/audit/export"), filter.parameters())
                        .queryParam("format", format.parameter)
                        .build())
                .exchange((request, response) -> {
                    if (response.getStatusCode().isError()) {
                        throw refusal(response, json);
                    }
                    var disposition = response.getHeaders().getContentDisposition();
                    var fileName = disposition.getFilename() != null
                            ? disposition.getFilename()
                            : "audit." + format.parameter;
                    return new Download(fileName, format.mediaType, response.getBody());
                }, false));
    }

    @Override
    public EvidenceBundle evidenceBundle(String model, int version) {
        return call(() -> {
            var body = client.get()
                    .uri("/api/v1/audit/evidence/{model}/{version}", model, version)
                    .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                    .retrieve()
                    .body(String.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = json.readValue(body, Map.class);
            return new EvidenceBundle(fields, json.writerWithDefaultPrettyPrinter().writeValueAsString(fields));
        });
    }

    private static UriBuilder query(UriBuilder uri, Map<String, String> parameters) {
        parameters.forEach(uri::queryParam);
        return uri;
    }

    /** Runs a request, saying an unreachable service or an unreadable answer as {@link ServiceUnavailable}. */
    static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceAccessException e) {
            throw new ServiceUnavailable("governance service unreachable: " + e.getMessage(), e);
        } catch (RestClientException e) {
            // An answer the portal cannot read (a proxy's error page, a changed API): not the user's doing.
            throw ServiceUnavailable.unreadable("unreadable answer from the governance service: " + e.getMessage(), e);
        }
    }

    /** The service's problem+json answer as a {@link ServiceRefusal}; a 5xx as {@link ServiceUnavailable}. */
    static ServiceRefusal refusal(ClientHttpResponse response, JsonMapper json) throws IOException {
        var status = response.getStatusCode().value();
        Map<?, ?> problem = Map.of();
        try (InputStream body = response.getBody()) {
            var bytes = body.readAllBytes();
            if (bytes.length > 0) {
                problem = json.readValue(bytes, Map.class);
            }
        } catch (UncheckedIOException | tools.jackson.core.JacksonException e) {
            problem = Map.of();
        }
        if (status >= 500) {
            throw new ServiceUnavailable("governance service answered " + status, null);
        }
        var errors = problem.get("errors") instanceof List<?> list
                ? list.stream()
                        .filter(Map.class::isInstance)
                        .map(Map.class::cast)
                        .map(e -> new ServiceRefusal.FieldError(text(e.get("field")), text(e.get("rule")),
                                text(e.get("message"))))
                        .toList()
                : List.<ServiceRefusal.FieldError>of();
        return new ServiceRefusal(status, text(problem.get("type")), text(problem.get("title")),
                text(problem.get("detail")), errors);
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
