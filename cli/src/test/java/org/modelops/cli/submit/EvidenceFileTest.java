package org.modelops.cli.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelops.cli.CliException;
import org.modelops.cli.ExitCode;

class EvidenceFileTest {

    @TempDir
    Path dir;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void yamlAndJsonGiveTheSameBody() {
        var yaml = EvidenceFile.parse("e.yaml", utf8("""
                artifactUri: s3://m/1/model.onnx
                framework: xgboost
                metrics: {auc: 0.91}
                params:
                  max_depth: 6
                """));
        var json = EvidenceFile.parse("e.json", utf8("""
                {"artifactUri": "s3://m/1/model.onnx", "framework": "xgboost", "metrics": {"auc": 0.91},
                 "params": {"max_depth": 6}}"""));
        assertThat(yaml).isEqualTo(json);
        assertThat(yaml.path("metrics").path("auc").isNumber()).isTrue();
    }

    @Test
    void aJsonSyntaxErrorNamesTheFileLineAndColumn() {
        assertThatThrownBy(() -> EvidenceFile.parse("e.json", utf8("{\n  \"a\": 1,\n  \"b\": }")))
                .isInstanceOf(CliException.class).hasMessageContaining("e.json is not valid JSON (line 3")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    }

    @Test
    void aYamlSyntaxErrorNamesTheLine() {
        assertThatThrownBy(() -> EvidenceFile.parse("e.yaml", utf8("a: 1\nb: [1, 2\nc: 3\n")))
                .isInstanceOf(CliException.class).hasMessageContaining("e.yaml is not valid YAML (line");
    }

    @Test
    void aDuplicateKeyIsRefused() {
        assertThatThrownBy(() -> EvidenceFile.parse("e.yaml", utf8("framework: a\nframework: b\n")))
                .hasMessageContaining("framework");
        assertThatThrownBy(() -> EvidenceFile.parse("e.json", utf8("{\"a\": 1, \"a\": 2}")))
                .hasMessageContaining("Duplicate");
    }

    @Test
    void theDocumentMustBeAMapping() {
        assertThatThrownBy(() -> EvidenceFile.parse("e.yaml", utf8("- a\n- b\n")))
                .hasMessageContaining("must hold one mapping").hasMessageContaining("array");
        assertThatThrownBy(() -> EvidenceFile.parse("e.json", utf8("42"))).hasMessageContaining("number");
    }

    @Test
    void emptyAndNonUtf8FilesAreRefused() {
        assertThatThrownBy(() -> EvidenceFile.parse("e.yaml", utf8("  \n"))).hasMessageContaining("is empty");
        assertThatThrownBy(() -> EvidenceFile.parse("e.yaml", new byte[]{'a', ':', ' ', (byte) 0xC3, 0x28}))
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void aFileOnDiskIsRead() throws Exception {
        var file = Files.writeString(dir.resolve("evidence.yml"), "framework: sklearn\n");
        assertThat(EvidenceFile.read(file).path("framework").asText()).isEqualTo("sklearn");
        assertThatThrownBy(() -> EvidenceFile.read(dir.resolve("missing.json")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void theDerivedIdempotencyKeyIgnoresFormattingAndOrderButNotContent() {
        var a = EvidenceFile.parse("a.yaml", utf8("framework: x\nmetrics: {auc: 0.9, f1: 0.8}\n"));
        var b = EvidenceFile.parse("b.json", utf8("{\"metrics\": {\"f1\": 0.8, \"auc\": 0.9}, \"framework\": \"x\"}"));
        var c = EvidenceFile.parse("c.yaml", utf8("framework: x\nmetrics: {auc: 0.91, f1: 0.8}\n"));
        assertThat(SubmitCommand.derivedKey("m", a)).isEqualTo(SubmitCommand.derivedKey("m", b))
                .isNotEqualTo(SubmitCommand.derivedKey("m", c)).isNotEqualTo(SubmitCommand.derivedKey("n", a))
                .hasSizeLessThanOrEqualTo(200).matches("[\\x21-\\x7e]+");
    }
}
