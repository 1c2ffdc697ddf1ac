package org.modelops.governance.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * openapi.yml is a valid OpenAPI 3.1 document, every response it documents says what it answers (a schema), and
 * every JSON Schema it refers to exists. Which routes it must document is {@link OpenApiRoutesTest}'s.
 */
class OpenApiDocumentTest {

    static final Path DOCUMENT = Path.of("src/main/resources/public/openapi.yml");

    static OpenAPI parse(List<String> messages) throws IOException {
        var options = new ParseOptions();
        // the request schemas are the published JSON Schemas (schemas/*.json beside the document), checked below
        options.setResolve(false);
        var result = new OpenAPIV3Parser().readContents(Files.readString(DOCUMENT), null, options);
        messages.addAll(result.getMessages());
        return result.getOpenAPI();
    }

    @Test
    void theDocumentIsValidOpenApi() throws IOException {
        var messages = new ArrayList<String>();
        var api = parse(messages);
        assertThat(messages).as("swagger-parser's findings").isEmpty();
        assertThat(api.getOpenapi()).startsWith("3.1");
        assertThat(api.getPaths()).isNotEmpty();
    }

    @Test
    void everyResponseHasASchema() throws IOException {
        var api = parse(new ArrayList<>());
        var missing = new ArrayList<String>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> operation
                .getResponses().forEach((status, response) -> {
                    if ("204".equals(status) || "304".equals(status)) {
                        return; // no content, by definition
                    }
                    var resolved = resolve(api, response);
                    if (resolved.getContent() == null || resolved.getContent().isEmpty()
                            || resolved.getContent().values().stream().anyMatch(type -> type.getSchema() == null)) {
                        missing.add(method + " " + path + " " + status);
                    }
                })));
        assertThat(missing).as("responses without content and schema in openapi.yml").isEmpty();
    }

    @Test
    void everyReferencedJsonSchemaExists() throws IOException {
        var text = Files.readString(DOCUMENT);
        var matcher = Pattern.compile("\\$ref: '([^#'][^']*)'").matcher(text);
        var absent = new ArrayList<String>();
        while (matcher.find()) {
            if (!Files.exists(DOCUMENT.resolveSibling(matcher.group(1)))) {
                absent.add(matcher.group(1));
            }
        }
        assertThat(absent).as("external $refs of openapi.yml that name no file beside it").isEmpty();
    }

    private static ApiResponse resolve(OpenAPI api, ApiResponse response) {
        if (response.get$ref() == null) {
            return response;
        }
        var name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
        return api.getComponents().getResponses().get(name);
    }
}
