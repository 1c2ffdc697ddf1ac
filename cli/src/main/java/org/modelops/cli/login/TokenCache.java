package org.modelops.cli.login;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.modelops.cli.CliException;
import org.modelops.cli.ExitCode;

/**
 * {@code tokens.json} in the configuration directory: one login per service URL. The directory is 0700 and the file
 * 0600 (written to a 0600 temporary file and moved into place, so it is never readable by others, not even briefly).
 */
public final class TokenCache {

    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;

    public TokenCache(Path configDir) {
        this.file = configDir.resolve("tokens.json");
    }

    public Path file() {
        return file;
    }

    public Optional<Tokens> get(String serviceUrl) {
        return Optional.ofNullable(read().get(key(serviceUrl)));
    }

    public void put(Tokens tokens) {
        var all = read();
        all.put(key(tokens.serviceUrl()), tokens);
        write(all);
    }

    public boolean remove(String serviceUrl) {
        var all = read();
        if (all.remove(key(serviceUrl)) == null) {
            return false;
        }
        write(all);
        return true;
    }

    static String key(String serviceUrl) {
        return serviceUrl.replaceAll("/+$", "");
    }

    private Map<String, Tokens> read() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Tokens>>() {
            }));
        } catch (IOException e) {
            throw new CliException(ExitCode.AUTHENTICATION, "the token cache " + file + " cannot be read ("
                    + e.getMessage() + "); delete it and log in again", e);
        }
    }

    private void write(Map<String, Tokens> all) {
        try {
            var dir = file.getParent();
            Files.createDirectories(dir);
            if (POSIX) {
                Files.setPosixFilePermissions(dir, DIR_MODE);
            }
            var tmp = POSIX
                    ? Files.createTempFile(dir, ".tokens", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE))
                    : Files.createTempFile(dir, ".tokens", ".tmp");
            try {
                MAPPER.writeValue(tmp.toFile(), all);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                if (POSIX) {
                    Files.setPosixFilePermissions(file, FILE_MODE);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.AUTHENTICATION, "cannot write the token cache " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
