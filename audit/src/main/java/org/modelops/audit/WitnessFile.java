package org.modelops.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A witness of the signed checkpoints outside the database: an append-only file with one checkpoint line per signed
 * checkpoint, in the export's format ({@code {"checkpoint":<canonical payload>,"signature":"<base64>"}}). Each line is
 * written with one {@code write} in append mode under a file lock and forced to disk before the append returns. On
 * its own the file protects nothing: its value is that whoever can rewrite the database cannot rewrite it (an
 * append-only attribute, another host, WORM object storage; docs/audit.md).
 */
public final class WitnessFile {

    private static final Pattern CHECKPOINT_LINE = Pattern
            .compile("^\\{\"checkpoint\":(\\{.*}),\"signature\":\"([A-Za-z0-9+/=]+)\"}$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;

    public WitnessFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Appends one line and forces it to disk; safe against other appenders on this host (a file lock). */
    public synchronized void append(Checkpoint checkpoint) throws IOException {
        var line = ByteBuffer.wrap((JsonLines.checkpoint(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8));
        try (var channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); var lock = channel.lock()) {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(true);
        }
    }

    /** The witnessed checkpoints, by sequence; an absent file has witnessed nothing yet. */
    public List<Checkpoint> read() throws IOException {
        try (var reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(reader, path.toString());
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** Parses witness lines; a line that is not a checkpoint in canonical form is refused, naming it. */
    public static List<Checkpoint> read(BufferedReader reader, String name) throws IOException {
        var checkpoints = new ArrayList<Checkpoint>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            var match = CHECKPOINT_LINE.matcher(line);
            Checkpoint checkpoint = null;
            if (match.matches()) {
                try {
                    var payload = JSON.readTree(match.group(1));
                    checkpoint = new Checkpoint(payload.path("sequence").asLong(), payload.path("hash").asText(),
                            Instant.parse(payload.path("signedAt").asText()), payload.path("keyId").asText(),
                            match.group(2));
                } catch (IOException | RuntimeException e) {
                    checkpoint = null;
                }
            }
            if (checkpoint == null || !checkpoint.payload().equals(match.group(1))) {
                throw new IOException(name + " line " + number + " is not a checkpoint line in canonical form");
            }
            checkpoints.add(checkpoint);
        }
        checkpoints.sort(Comparator.comparingLong(Checkpoint::sequence));
        return checkpoints;
    }
}
