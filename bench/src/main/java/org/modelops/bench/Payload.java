package org.modelops.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The evidence submitted with every benchmark version: the same shape and sizes as the first credit-risk version in
 * deploy/local/demo-data.sh. Only the artifact URI and digest change from one submission to the next. The raw JDBC
 * floor writes the same JSON into the same columns as the service does.
 */
final class Payload {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private static final String TEMPLATE = """
            {"artifactUri": "s3://models/bench/0/model.onnx",
             "artifactSha256": "0000000000000000000000000000000000000000000000000000000000000000",
             "framework": "xgboost",
             "description": "Baseline gradient-boosted model on bureau and application features.",
             "intendedUse": "Rank consumer loan applications by probability of default; decisions stay with underwriters.",
             "trainingData": {"uri": "s3://datasets/credit-risk/train/2026-08.parquet",
                              "sha256": "9a1f0c3e6b2d4f5a7c8e9d0b1a2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d"},
             "evaluationData": {"uri": "s3://datasets/credit-risk/eval/2026-09-holdout.parquet",
                                "sha256": "1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c"},
             "code": {"repository": "https://git.example.com/risk/credit", "commit": "3f9c2a1"},
             "params": {"max_depth": 6, "eta": 0.1, "n_estimators": 400},
             "metrics": {"auc": 0.89, "f1": 0.76, "precision": 0.79, "recall": 0.74},
             "sliceMetrics": {"gender=F": {"recall": 0.73}, "gender=M": {"recall": 0.75},
                              "age<30": {"recall": 0.71}, "age>=30": {"recall": 0.75}},
             "tags": {"team": "risk", "bench": "true"}}
            """;

    private static final ObjectNode BASE = parse(TEMPLATE);

    final String framework = BASE.get("framework").asText();
    final String description = BASE.get("description").asText();
    final String intendedUse = BASE.get("intendedUse").asText();
    final String trainingDataJson = write(BASE.get("trainingData"));
    final String evaluationDataJson = write(BASE.get("evaluationData"));
    final String codeJson = write(BASE.get("code"));
    final String paramsJson = write(BASE.get("params"));
    final String metricsJson = write(BASE.get("metrics"));
    final String sliceMetricsJson = write(BASE.get("sliceMetrics"));
    final String tagsJson = write(BASE.get("tags"));

    /** The request body of one submission. */
    String apiBody(String model, long sequence) {
        var body = BASE.deepCopy();
        body.put("artifactUri", artifactUri(model, sequence));
        body.put("artifactSha256", randomSha256());
        return write(body);
    }

    static String artifactUri(String model, long sequence) {
        return "s3://models/" + model + "/" + sequence + "/model.onnx";
    }

    static String randomSha256() {
        var bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
