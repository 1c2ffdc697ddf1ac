package org.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument parsing: every usage error is exit 2, before anything is sent. */
class ArgumentsTest {

    @TempDir
    Path dir;

    private Run run(String... args) {
        return Run.of(Map.of("MODELOPS_URL", "http://127.0.0.1:9", "MODELOPS_TOKEN", "t"), dir, args);
    }

    @Test
    void helpAndVersionSucceed() {
        assertThat(run("--help").exit).isZero();
        var version = run("--version");
        assertThat(version.exit).isZero();
        assertThat(version.out).contains("modelops");
    }

    @Test
    void helpListsTheExitCodes() {
        var help = run("--help");
        assertThat(help.out).contains("Exit codes:").contains("rejected").contains("timed out waiting");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run().exit).isEqualTo(ExitCode.USAGE);
        assertThat(run("models").exit).isEqualTo(ExitCode.USAGE);
        assertThat(run("tasks").exit).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void unknownCommandOrOptionIsAUsageError() {
        assertThat(run("promote", "x").exit).isEqualTo(ExitCode.USAGE);
        var unknown = run("status", "m", "--colour");
        assertThat(unknown.exit).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err).contains("--colour");
    }

    @Test
    void submitNeedsAModelAndAnEvidenceFile() {
        assertThat(run("submit", "m").exit).isEqualTo(ExitCode.USAGE);
        var missing = run("submit");
        assertThat(missing.exit).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err).contains("MODEL");
    }

    @Test
    void submitRefusesAnUnknownRequirementAndABadTimeout() throws Exception {
        var evidence = Files.writeString(dir.resolve("e.yaml"), "artifactUri: s3://m/1\n");
        var require = run("submit", "m", "--evidence", evidence.toString(), "--require", "deployed");
        assertThat(require.exit).isEqualTo(ExitCode.USAGE);
        assertThat(require.err).contains("validated, approved, serving or champion");
        var timeout = run("submit", "m", "--evidence", evidence.toString(), "--timeout", "soon");
        assertThat(timeout.exit).isEqualTo(ExitCode.USAGE);
        assertThat(timeout.err).contains("'soon' is not a duration");
    }

    @Test
    void aMissingEvidenceFileIsAUsageErrorNamingIt() {
        var result = run("submit", "m", "--evidence", dir.resolve("nope.yaml").toString());
        assertThat(result.exit).isEqualTo(ExitCode.USAGE);
        assertThat(result.err).contains("nope.yaml").contains("does not exist");
    }

    @Test
    void aDecisionIsEitherApproveOrRejectAndNeedsAReason() {
        assertThat(run("tasks", "decide", "t1", "--approve", "--reject", "--reason", "x").exit)
                .isEqualTo(ExitCode.USAGE);
        assertThat(run("tasks", "decide", "t1", "--reason", "x").exit).isEqualTo(ExitCode.USAGE);
        assertThat(run("tasks", "decide", "t1", "--approve").exit).isEqualTo(ExitCode.USAGE);
        assertThat(run("tasks", "decide", "t1", "--approve", "--outcome", "KEEP_SERVING", "--reason", "x").exit)
                .as("an approval or a serving-phase outcome, not both").isEqualTo(ExitCode.USAGE);
        assertThat(run("tasks", "decide", "t1", "--outcome", "--reason", "x").exit)
                .as("--outcome names the outcome").isEqualTo(ExitCode.USAGE);
    }

    @Test
    void withoutAServiceUrlACommandSaysHowToGiveOne() {
        var result = Run.of(Map.of(), dir, "status", "m");
        assertThat(result.exit).isEqualTo(ExitCode.USAGE);
        assertThat(result.err).contains("--url").contains("MODELOPS_URL");
        assertThat(Run.of(Map.of(), dir, "status", "m", "--url", "ftp://x").exit).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aVersionMustBeANumber() {
        assertThat(run("timeline", "m", "two").exit).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void importNeedsAnHttpSourceAndAKnownRiskTier() {
        assertThat(run("import", "mlflow").exit).isEqualTo(ExitCode.USAGE);
        assertThat(run("import", "mlflow", "--from", "file:///tmp/mlruns").exit).isEqualTo(ExitCode.USAGE);
        assertThat(run("import", "mlflow", "--from", "http://127.0.0.1:9", "--risk-tier", "CRITICAL").exit)
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void auditExportTakesJsonLinesOrCsv() {
        assertThat(run("audit", "export", "--format", "xml").exit).isEqualTo(ExitCode.USAGE);
    }
}
