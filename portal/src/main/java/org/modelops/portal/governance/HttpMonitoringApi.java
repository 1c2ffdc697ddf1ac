package org.modelops.portal.governance;

import static org.modelops.portal.governance.HttpGovernanceApi.call;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

/** Calls the service's monitoring endpoints as the signed-in user. */
public class HttpMonitoringApi implements MonitoringApi {

    private final RestClient client;

    public HttpMonitoringApi(RestClient.Builder builder, URI serviceUrl, Supplier<String> accessToken,
            JsonMapper json) {
        this.client = ServiceClients.asUser(builder, serviceUrl, accessToken, json);
    }

    @Override
    public MonitoringOverview overview(String model) {
        return call(() -> client.get()
                .uri("/api/v1/models/{name}/monitoring", model)
                .retrieve()
                .body(MonitoringOverview.class));
    }

    @Override
    public SignalSeries series(String model, int version, String signal, String metric, int windows) {
        return call(() -> client.get()
                .uri(uri -> {
                    uri.path("/api/v1/models/{name}/versions/{version}/monitoring/series")
                            .queryParam("signal", signal);
                    if (metric != null && !metric.isBlank()) {
                        uri.queryParam("metric", metric);
                    }
                    return uri.queryParam("windows", windows).build(model, version);
                })
                .retrieve()
                .body(SignalSeries.class));
    }

    @Override
    public DriftReport drift(String model, int version, int windows) {
        return call(() -> client.get()
                .uri("/api/v1/models/{name}/versions/{version}/monitoring?windows={windows}", model, version,
                        windows)
                .retrieve()
                .body(DriftReport.class));
    }

    @Override
    public Optional<List<RetrainingRequest>> retrainingRequests(String model) {
        try {
            return Optional.of(call(() -> client.get()
                    .uri("/api/v1/models/{name}/retraining-requests", model)
                    .retrieve()
                    .body(Requests.class)).items());
        } catch (ServiceRefusal refusal) {
            if (refusal.status() == 404 || refusal.status() == 405) {
                return Optional.empty(); // a service without retraining requests (yet)
            }
            throw refusal;
        }
    }

    /** The retraining-requests answer: {@code items} (and a total the page does not need). */
    record Requests(List<RetrainingRequest> items) {

        Requests {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    @Override
    public void decideReview(String taskId, String outcome, String comment, String evidenceSha256) {
        var body = new LinkedHashMap<String, Object>();
        body.put("decision", outcome);
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
}
