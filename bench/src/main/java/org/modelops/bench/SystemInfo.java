package org.modelops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

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
        try (var connection = DriverManager.getConnection(options.jdbcUrl(), options.dbUser(), options.dbPassword());
                var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
