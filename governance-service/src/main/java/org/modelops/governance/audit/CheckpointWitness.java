package org.modelops.governance.audit;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.modelops.audit.Checkpoint;
import org.modelops.audit.WitnessFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every signed checkpoint, once its transaction has committed, to a witness outside the service's database
 * ({@code GOVERNANCE_AUDIT_WITNESS_FILE}): a database owner who also holds the signing key can re-sign the stored
 * checkpoints, not the witness's copies.
 */
@Singleton
public class CheckpointWitness {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointWitness.class);

    private final Optional<WitnessFile> file;

    CheckpointWitness(AuditProperties properties) {
        var configured = properties.witnessFile();
        this.file = configured == null || configured.isBlank()
                ? Optional.empty()
                : Optional.of(new WitnessFile(Path.of(configured)));
        if (file.isEmpty()) {
            LOG.warn("No checkpoint witness (governance.audit.witness-file, GOVERNANCE_AUDIT_WITNESS_FILE): whoever"
                    + " owns the database and holds the signing key can rewrite the audit trail unseen");
        } else {
            LOG.info("Audit checkpoints are witnessed in {}", file.get().path());
        }
    }

    public Optional<Path> path() {
        return file.map(WitnessFile::path);
    }

    /** Appends the checkpoint to the witness; a failure is logged (the checkpoint is already committed). */
    void deliver(Checkpoint checkpoint) {
        file.ifPresent(witness -> {
            try {
                witness.append(checkpoint);
            } catch (IOException | RuntimeException e) {
                LOG.error("Checkpoint {} was not delivered to its witness {}: {}", checkpoint.sequence(),
                        witness.path(), e.toString());
            }
        });
    }

    /** What the witness saw, by sequence; nothing when no witness is configured. */
    List<Checkpoint> witnessed() throws IOException {
        return file.isPresent() ? file.get().read() : List.of();
    }
}
