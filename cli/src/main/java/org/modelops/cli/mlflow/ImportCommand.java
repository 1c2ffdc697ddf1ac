package org.modelops.cli.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.modelops.cli.CliException;
import org.modelops.cli.Command;
import org.modelops.cli.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code modelops import mlflow --from URL [--token …] [--model NAME…] [--dry-run]}. */
@CommandLine.Command(name = "import", description = "Bring models in from another registry.", subcommands = {
        ImportCommand.Mlflow.class})
public final class ImportCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "import: from which registry? (mlflow)");
    }

    @CommandLine.Command(name = "mlflow", description = "Import an MLflow registry's models and versions with their history; idempotent.")
    public static final class Mlflow extends Command {

        @Option(names = "--from", required = true, paramLabel = "URL", description = "the MLflow tracking server, e.g. http://mlflow.example.com:5000")
        String from;

        @Option(names = "--token", paramLabel = "TOKEN", description = "bearer token for the source (env MLFLOW_TRACKING_TOKEN)")
        String token;

        @Option(names = "--model", paramLabel = "NAME", description = "import only this model (repeatable); default: every registered model")
        List<String> models = new ArrayList<>();

        @Option(names = "--owner-team", paramLabel = "TEAM", description = "the owner team of models created here (default: the source's modelops.owner_team tag, else your only team)")
        String ownerTeam;

        @Option(names = "--risk-tier", paramLabel = "TIER", description = "LOW, MEDIUM or HIGH for models created here (default: the source's modelops.risk_tier tag, else the service's default, HIGH)")
        String riskTier;

        @Option(names = "--sha256-tag", paramLabel = "KEY", description = "the source version tag holding the SHA-256 of its artifact (default modelops.artifact_sha256)")
        String sha256Tag;

        @Option(names = "--dry-run", description = "show what would be imported; change nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            if (!from.startsWith("http://") && !from.startsWith("https://")) {
                throw CliException.usage("--from must be an http(s) URL, not '" + from + "'");
            }
            if (riskTier != null && !List.of("LOW", "MEDIUM", "HIGH").contains(riskTier.toUpperCase(Locale.ROOT))) {
                throw CliException.usage("--risk-tier takes LOW, MEDIUM or HIGH, not '" + riskTier + "'");
            }
            var sourceToken = token != null ? token : context().env("MLFLOW_TRACKING_TOKEN");
            var source = new MlflowApi(http(), from, sourceToken);
            var target = new MlflowApi(http(), serviceUrl(), authenticator().accessToken(serviceUrl(), issuer()));
            var options = new MlflowImport.Options(ownerTeam, riskTier == null
                    ? null
                    : riskTier.toUpperCase(
                            Locale.ROOT),
                    sha256Tag, dryRun);
            var plan = new MlflowImport(source, target, options).run(models);
            if (global.json()) {
                printJson(plan.json(dryRun));
            } else {
                plan.steps().forEach(step -> println(plan.text(step, dryRun)));
                println((dryRun ? "Dry run: would import " : "Imported ") + plan.count(ImportPlan.Action.CREATE)
                        + ", already present " + plan.count(ImportPlan.Action.PRESENT) + ", not imported "
                        + plan.skipped() + ".");
            }
            return plan.skipped() > 0 ? ExitCode.REFUSED : ExitCode.OK;
        }
    }
}
