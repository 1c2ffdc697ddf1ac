package org.modelops.cli;

/** A failure the command line reports in one sentence on standard error, with its exit code ({@link ExitCode}). */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    public static CliException authentication(String message) {
        return new CliException(ExitCode.AUTHENTICATION, message);
    }

    public static CliException unavailable(String message, Throwable cause) {
        return new CliException(ExitCode.UNAVAILABLE, message, cause);
    }
}
