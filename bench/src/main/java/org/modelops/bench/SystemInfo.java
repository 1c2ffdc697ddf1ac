package org.modelops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Facts about the machine for the report header. */
final class SystemInfo {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private SystemInfo() {
    }

    static String cpuModel() {
        try (var lines = Files.lines(CPUINFO)) {
            return lines.filter(line -> line.startsWith("model name")).map(line -> line.split(":", 2)[1].strip())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String logicalCpus() {
        try (var lines = Files.lines(CPUINFO)) {
            return String.valueOf(lines.filter(line -> line.startsWith("processor")).count());
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The 1, 5 and 15 minute load averages, e.g. "0.12 0.30 0.25". */
    static String loadAverage() {
        try {
            var fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String jvm() {
        return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version");
    }

    static String postgres(Options options) {
        return postgres(options.jdbcUrl(), options.dbUser(), options.dbPassword());
    }

    static String postgres(String jdbcUrl, String user, String password) {
        try (var connection = DriverManager.getConnection(jdbcUrl, user, password);
                var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * The report header's facts about the run and the machine (Date, CPU, JVM, PostgreSQL, OS, load average), one
     * Markdown list item each; the caller appends its own settings after them.
     */
    static void appendHeader(StringBuilder md, OffsetDateTime started, String postgres, String loadAtStart) {
        md.append("- Date: ").append(started).append('\n');
        md.append("- CPU: ").append(cpuModel()).append(", ").append(logicalCpus())
                .append(" logical CPU(s) (").append(Runtime.getRuntime().availableProcessors())
                .append(" available to the JVM)\n");
        md.append("- JVM: ").append(jvm()).append('\n');
        md.append("- PostgreSQL: ").append(postgres).append('\n');
        md.append("- OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(" (").append(System.getProperty("os.arch")).append(")\n");
        md.append("- Load average (1/5/15 min): ").append(loadAtStart).append(" at the start, ")
                .append(loadAverage()).append(" at the end\n");
    }
}
