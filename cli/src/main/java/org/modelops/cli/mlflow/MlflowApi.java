package org.modelops.cli.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelops.cli.CliException;
import org.modelops.cli.http.Http;
import org.modelops.cli.http.HttpError;
import org.modelops.cli.http.Json;

/**
 * MLflow's model-registry REST API ({@code /api/2.0/mlflow}) at one base URL, with an optional bearer token: the
 * source registry of an import, and the service's MLflow-compatible API it writes into.
 */
final class MlflowApi {

    private static final int PAGE = 1000;

    private final Http http;
    private final String base;
    private final Map<String, String> headers;

    MlflowApi(Http http, String base, String token) {
        this.http = http;
        this.base = base.replaceAll("/+$", "");
        this.headers = token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }

    String base() {
        return base;
    }

    /** Every registered model, or those named, following {@code next_page_token}. */
    List<JsonNode> models(List<String> names) {
        var found = new ArrayList<JsonNode>();
        if (names.isEmpty()) {
            pages("/registered-models/search", null, "registered_models", found);
        } else {
            for (var name : names) {
                var matching = new ArrayList<JsonNode>();
                pages("/registered-models/search", "name = " + quoted(name), "registered_models", matching);
                if (matching.isEmpty()) {
                    throw new CliException(org.modelops.cli.ExitCode.NOT_FOUND, "the source registry " + base
                            + " has no registered model named " + name);
                }
                found.addAll(matching);
            }
        }
        return found;
    }

    /** Every version of a model, following {@code next_page_token}. */
    List<JsonNode> versions(String model) {
        var found = new ArrayList<JsonNode>();
        pages("/model-versions/search", "name = " + quoted(model), "model_versions", found);
        return found;
    }

    Optional<JsonNode> model(String name) {
        try {
            return Optional.of(get("/registered-models/get", Map.of("name", name)).path("registered_model"));
        } catch (HttpError e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    JsonNode post(String path, JsonNode body) {
        return http.json("POST", Http.uri(base, "/api/2.0/mlflow" + path, null), headers, body, "MLflow API "
                + base + " POST " + path);
    }

    private JsonNode get(String path, Map<String, ?> query) {
        return http.json("GET", Http.uri(base, "/api/2.0/mlflow" + path, query), headers, null, "MLflow API " + base
                + " GET " + path);
    }

    private void pages(String path, String filter, String field, List<JsonNode> into) {
        String token = null;
        int pages = 0;
        do {
            var query = new LinkedHashMap<String, Object>();
            query.put("filter", filter);
            query.put("max_results", PAGE);
            query.put("page_token", token);
            var page = get(path, query);
            page.path(field).forEach(into::add);
            token = Json.text(page, "next_page_token");
            if (++pages > 100_000) {
                throw new CliException(org.modelops.cli.ExitCode.REFUSED, "the source registry keeps answering"
                        + " pages of " + path);
            }
        } while (token != null && !token.isEmpty());
    }

    /** A string literal of MLflow's search grammar. */
    static String quoted(String value) {
        if (value.contains("'")) {
            throw CliException.usage("a model name with a quote cannot be searched for: " + value);
        }
        return "'" + value + "'";
    }

    /** {@code [{key, value}]} as a map, in order. */
    static Map<String, String> tags(JsonNode node) {
        var tags = new LinkedHashMap<String, String>();
        for (var tag : node.path("tags")) {
            tags.put(Json.text(tag, "key"), tag.path("value").asText(""));
        }
        return tags;
    }
}
