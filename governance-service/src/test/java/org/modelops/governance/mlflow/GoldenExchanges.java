package org.modelops.governance.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.modelops.governance.testing.Api;

/**
 * The 80 exchanges recorded from a real MLflow 3.10 server ({@code src/test/resources/mlflow/golden-exchanges.txt},
 * a copy of ../shared/mlflow/): each request as the client sent it, and the status and body the server answered.
 */
final class GoldenExchanges {

    record Exchange(int index, String method, String path, String contentType, String requestBody, int status,
            String responseContentType, JsonNode response) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REQUEST = Pattern.compile("request-body(?: \\(([^)]+)\\))?: (.*)");
    private static final Pattern STATUS = Pattern.compile("status: (\\d{3})\\s+content-type: (.*)");
    private static final List<Exchange> ALL = load();

    private GoldenExchanges() {
    }

    static Exchange get(int index) {
        return ALL.get(index);
    }

    static int count() {
        return ALL.size();
    }

    private static List<Exchange> load() {
        String text;
        try (var in = GoldenExchanges.class.getResourceAsStream("/mlflow/golden-exchanges.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var exchanges = new ArrayList<Exchange>();
        for (var block : text.split("(?m)^### ")) {
            if (block.isBlank()) {
                continue;
            }
            var lines = block.split("\n", -1);
            var start = lines[0].strip().split(" ", 2);
            int at = 1;
            String contentType = null;
            String requestBody = null;
            var request = REQUEST.matcher(lines[at]);
            if (request.matches()) {
                contentType = request.group(1) == null ? "application/json" : request.group(1);
                requestBody = request.group(2);
                at++;
            }
            var status = STATUS.matcher(lines[at]);
            if (!status.matches()) {
                throw new IllegalStateException("golden exchange without a status: " + lines[0]);
            }
            var body = String.join("\n", java.util.Arrays.copyOfRange(lines, at + 1, lines.length)).strip();
            JsonNode response = null;
            if (status.group(2).startsWith("application/json")) {
                try {
                    response = JSON.readTree(body);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            exchanges.add(new Exchange(exchanges.size(), start[0], start[1], contentType, requestBody,
                    Integer.parseInt(status.group(1)), status.group(2).strip(), response));
        }
        return exchanges;
    }

    /**
     * The answer has MLflow's shape: the same status; for an error the same {@code error_code}; otherwise every field
     * the real server answered, with the same JSON type, recursively (lists by their first element). Values that
     * differ by nature (timestamps, ids, a governed status) are not compared; fields the server omitted may be present.
     */
    static void assertSameShape(Exchange golden, Api.Response actual) {
        assertThat(actual.status()).as("status of %s %s (golden #%d): %s", golden.method(), golden.path(),
                golden.index(), actual.body()).isEqualTo(golden.status());
        assertThat(actual.contentType()).as("content type of #%d", golden.index()).startsWith("application/json");
        if (golden.response() == null) {
            return;
        }
        if (golden.response().has("error_code")) {
            assertThat(actual.json().path("error_code").asText()).as("error_code of #%d: %s", golden.index(),
                    actual.body()).isEqualTo(golden.response().path("error_code").asText());
            assertThat(actual.json().path("message").isTextual()).as("message of #%d", golden.index()).isTrue();
            return;
        }
        assertShape("#" + golden.index(), golden.response(), actual.json());
    }

    static void assertShape(String where, JsonNode expected, JsonNode actual) {
        assertThat(actual.getNodeType()).as("type of %s: %s", where, actual).isEqualTo(expected.getNodeType());
        if (expected.isObject()) {
            for (var field : expected.properties()) {
                assertThat(actual.has(field.getKey())).as("%s has %s: %s", where, field.getKey(), actual).isTrue();
                assertShape(where + "." + field.getKey(), field.getValue(), actual.get(field.getKey()));
            }
        } else if (expected.isArray() && !expected.isEmpty()) {
            assertThat(actual.size()).as("%s is not empty: %s", where, actual).isPositive();
            assertShape(where + "[0]", expected.get(0), actual.get(0));
        }
    }
}
