package org.modelops.cli;

import java.io.PrintWriter;
import org.modelops.cli.audit.AuditCommand;
import org.modelops.cli.commands.DeploymentCommand;
import org.modelops.cli.commands.ModelsCommand;
import org.modelops.cli.commands.StatusCommand;
import org.modelops.cli.commands.TasksCommand;
import org.modelops.cli.commands.TimelineCommand;
import org.modelops.cli.login.LoginCommand;
import org.modelops.cli.login.LogoutCommand;
import org.modelops.cli.mlflow.ImportCommand;
import org.modelops.cli.submit.SubmitCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code modelops}: the command line of the governance service, for pipelines and people (docs/cli.md). */
@Command(name = "modelops", mixinStandardHelpOptions = true, version = "modelops 0.1.0", description = "Submit model versions with evidence, wait for the governed verdict, decide, audit.", subcommands = {
        LoginCommand.class, LogoutCommand.class, ModelsCommand.class, SubmitCommand.class, StatusCommand.class,
        TimelineCommand.class, DeploymentCommand.class, TasksCommand.class, AuditCommand.class,
        ImportCommand.class}, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
                "0:success (submit --wait: the required state was reached)",
                "1:refused by the service (400, 409, 422), or an import left something out",
                "2:usage error: bad arguments or an unreadable evidence file", "3:rejected",
                "4:timed out waiting", "5:authentication failed", "6:forbidden (403)",
                "7:not found (404)", "8:service or identity provider unavailable",
                "9:audit export not verified"})
public final class ModelOps implements Runnable {

    private final Context context;

    public ModelOps(Context context) {
        this.context = context;
    }

    public Context context() {
        return context;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(run(Context.system(), args));
    }

    /** Runs one command line and answers its exit code ({@link ExitCode}). */
    public static int run(Context context, String... args) {
        var commandLine = new CommandLine(new ModelOps(context));
        commandLine.setOut(new PrintWriter(context.out(), true));
        commandLine.setErr(new PrintWriter(context.err(), true));
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof CliException failure) {
                context.err().println("modelops: " + failure.getMessage());
                return failure.exitCode();
            }
            context.err().println("modelops: " + exception);
            return ExitCode.REFUSED;
        });
        commandLine.setParameterExceptionHandler((exception, args1) -> {
            var line = exception.getCommandLine();
            context.err().println("modelops: " + exception.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(exception, line.getErr())) {
                line.usage(line.getErr());
            }
            return ExitCode.USAGE;
        });
        return commandLine.execute(args);
    }
}
