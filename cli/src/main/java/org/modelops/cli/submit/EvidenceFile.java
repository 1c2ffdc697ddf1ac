package org.modelops.cli.submit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.modelops.cli.CliException;

/**
 * An evidence file: the body of {@code POST /api/v1/models/{name}/versions} ({@code /schemas/version-submission.json})
 * as JSON ({@code .json}) or YAML ({@code .yaml}, {@code .yml}; any other name is read as YAML, of which JSON is a
 * part). The service validates the content; this only refuses what cannot be a body at all, naming the file, line
 * and column: unreadable bytes, a syntax error, a duplicate key, or a document that is not a mapping.
 */
public final class EvidenceFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper YAML = new YAMLMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private EvidenceFile() {
    }

    public static ObjectNode read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CliException.usage("the evidence file " + file + " does not exist");
        } catch (IOException e) {
            throw CliException.usage("the evidence file " + file + " cannot be read: " + e.getMessage());
        }
        return parse(file.getFileName().toString(), bytes);
    }

    static ObjectNode parse(String name, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw CliException.usage("the evidence file " + name + " is not UTF-8 text");
        }
        if (text.isBlank()) {
            throw CliException.usage("the evidence file " + name + " is empty");
        }
        var json = name.toLowerCase(Locale.ROOT).endsWith(".json");
        JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw CliException.usage("the evidence file " + name + " is not valid " + (json ? "JSON" : "YAML")
                    + (location == null
                            ? ""
                            : " (line " + location.getLineNr() + ", column "
                                    + location.getColumnNr() + ")")
                    + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw CliException.usage("the evidence file " + name + " must hold one mapping (artifactUri,"
                    + " artifactSha256, framework, metrics, …), not " + (root == null
                            ? "nothing"
                            : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return (ObjectNode) root;
    }
}
