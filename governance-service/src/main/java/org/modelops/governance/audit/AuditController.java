package org.modelops.governance.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.modelops.audit.AuditEvent;
import org.modelops.audit.AuditQuery;
import org.modelops.audit.AuditSubject;
import org.modelops.audit.CanonicalForm;
import org.modelops.audit.ChainVerification;
import org.modelops.audit.Checkpoint;
import org.modelops.audit.JsonLines;
import org.modelops.governance.security.Actors;
import org.modelops.governance.security.Roles;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.PageRequest;
import org.modelops.governance.shared.Refusal;
import org.modelops.governance.web.ListView;
import org.modelops.governance.web.StreamingPipe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The compliance API: search, export (streamed), verify, checkpoints and their public key. */
@Controller("/api/v1/audit")
@Secured({Roles.COMPLIANCE_OFFICER, Roles.GOVERNANCE_ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditController {

    private static final Logger LOG = LoggerFactory.getLogger(AuditController.class);
    private static final String[] CSV_HEADER = {"sequence", "occurredAt", "actorUsername", "actorSubject",
            "actorRoles", "action", "subjectType", "subjectId", "details", "correlation", "previousHash", "hash"};

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @Serdeable
    record EventView(long sequence, Instant occurredAt, String actor, String actorSubject, List<String> actorRoles,
            String action, String subjectType, String subjectId, Map<String, Object> details,
            @Nullable String correlation, String previousHash, String hash) {

        static EventView of(AuditEvent event) {
            return new EventView(event.sequence(), event.occurredAt(), event.actor().username(),
                    event.actor().subject(), event.actor().roles(), event.action(), event.subject().type(),
                    event.subject().id(), event.details(), event.correlation(), event.previousHash(), event.hash());
        }
    }

    @Serdeable
    record VerificationView(boolean ok, long checked, @Nullable Long firstBrokenSequence, @Nullable String problem) {
    }

    @Serdeable
    record CheckpointView(long sequence, String hash, Instant signedAt, String keyId, String signature,
            String signedPayload) {
    }

    @Get
    ListView<EventView> search(@Nullable @QueryValue String model, @Nullable @QueryValue Integer version,
            @Nullable @QueryValue String actor, @Nullable @QueryValue String action,
            @Nullable @QueryValue String from, @Nullable @QueryValue String to,
            @Nullable @QueryValue Long fromSequence, @Nullable @QueryValue Long toSequence,
            @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size) {
        var paging = PageRequest.of(page, size);
        var found = audit.search(query(model, version, actor, action, from, to, fromSequence, toSequence),
                paging.offset(),
                paging.size());
        return new ListView<>(found.events().stream().map(EventView::of).toList(), found.total(), paging.page(),
                paging.size());
    }

    @Get("/export")
    HttpResponse<StreamedFile> export(@Nullable @QueryValue String format, @Nullable @QueryValue String model,
            @Nullable @QueryValue Integer version, @Nullable @QueryValue String actor,
            @Nullable @QueryValue String action, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
            @Nullable @QueryValue Long fromSequence, @Nullable @QueryValue Long toSequence,
            Authentication caller) {
        var csv = "csv".equals(format);
        if (!csv && !"jsonl".equals(format)) {
            throw Refusal.invalid(List.of(new FieldViolation("format", "enum", "must be csv or jsonl, was '"
                    + format + "'")));
        }
        var query = query(model, version, actor, action, from, to, fromSequence, toSequence);
        var filters = filters(query);
        var details = new LinkedHashMap<String, Object>(Map.of("format", format, "filters", filters));
        var exportEvent = audit.recordExport(Actors.of(caller), details, toSequence);
        var bounded = query.upTo(exportEvent.sequence());
        long first = fromSequence == null ? 1 : Math.max(1, fromSequence);
        long last = bounded.toSequence();
        var checkpoints = audit.checkpoints().stream()
                .filter(checkpoint -> checkpoint.sequence() >= first && checkpoint.sequence() <= last).toList();
        var pipe = new StreamingPipe();
        Thread.ofVirtual().name("audit-export-" + exportEvent.sequence()).start(() -> {
            try (Writer out = new OutputStreamWriter(pipe.output(), StandardCharsets.UTF_8)) {
                if (csv) {
                    writeCsv(out, bounded);
                } else {
                    writeJsonLines(out, bounded, filters, exportEvent, checkpoints, first, last);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("audit export {} ended early: {}", exportEvent.sequence(), e.toString());
            }
        });
        var name = "audit-" + exportEvent.sequence() + (csv ? ".csv" : ".jsonl");
        var type = csv ? new MediaType("text/csv") : new MediaType("application/x-ndjson");
        return HttpResponse.ok(new StreamedFile(pipe.input(), type).attach(name));
    }

    @Get("/verify")
    VerificationView verify(@Nullable @QueryValue Long fromSequence, @Nullable @QueryValue Long toSequence,
            Authentication caller) {
        ChainVerification result = audit.verify(fromSequence, toSequence);
        var details = new LinkedHashMap<String, Object>();
        details.put("fromSequence", fromSequence);
        details.put("toSequence", toSequence);
        details.put("ok", result.ok());
        details.put("checked", result.checked());
        details.put("firstBrokenSequence", result.firstBrokenSequence());
        audit.recordAlone(Actors.of(caller), AuditActions.AUDIT_VERIFIED,
                new AuditSubject("audit-trail", "verification"),
                details);
        return new VerificationView(result.ok(), result.checked(), result.firstBrokenSequence(), result.problem());
    }

    @Get("/checkpoints")
    List<CheckpointView> checkpoints() {
        return audit.checkpoints().stream().map(checkpoint -> new CheckpointView(checkpoint.sequence(),
                checkpoint.hash(), checkpoint.signedAt(), checkpoint.keyId(), checkpoint.signature(),
                checkpoint.payload())).toList();
    }

    @Get(uri = "/public-key", produces = "application/x-pem-file")
    @Secured(SecurityRule.IS_ANONYMOUS)
    String publicKey() {
        return audit.signer().publicKeyPem();
    }

    private void writeJsonLines(Writer out, AuditQuery query, Map<String, Object> filters, AuditEvent exportEvent,
            List<Checkpoint> checkpoints, long first, long last) throws IOException {
        var exportedAt = CanonicalForm.formatTime(exportEvent.occurredAt());
        var keyId = audit.signer().keyId();
        out.write(query.isContiguous()
                ? JsonLines.header(filters, true, exportedAt, keyId, first, last)
                : JsonLines.header(filters, false, exportedAt, keyId));
        out.write('\n');
        audit.forEachLine(query, line -> {
            try {
                out.write(line);
                out.write('\n');
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        for (var checkpoint : checkpoints) {
            out.write(JsonLines.checkpoint(checkpoint));
            out.write('\n');
        }
    }

    private void writeCsv(Writer out, AuditQuery query) throws IOException {
        var printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get());
        audit.forEach(query, event -> {
            try {
                printer.printRecord(event.sequence(), CanonicalForm.formatTime(event.occurredAt()),
                        event.actor().username(), event.actor().subject(), String.join(";", event.actor().roles()),
                        event.action(), event.subject().type(), event.subject().id(),
                        CanonicalForm.canonical(event.details()), event.correlation(), event.previousHash(),
                        event.hash());
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        printer.flush();
    }

    private static AuditQuery query(String model, Integer version, String actor, String action, String from,
            String to, Long fromSequence, Long toSequence) {
        if (version != null && model == null) {
            throw Refusal.invalid(List.of(new FieldViolation("version", "requires", "needs the model parameter")));
        }
        return new AuditQuery(blankToNull(model), version, blankToNull(actor), blankToNull(action),
                instant("from", from), instant("to", to), fromSequence, toSequence);
    }

    private static Map<String, Object> filters(AuditQuery query) {
        var filters = new LinkedHashMap<String, Object>();
        putIfSet(filters, "model", query.model());
        putIfSet(filters, "version", query.version());
        putIfSet(filters, "actor", query.actor());
        putIfSet(filters, "action", query.action());
        putIfSet(filters, "from", query.from() == null ? null : CanonicalForm.formatTime(query.from()));
        putIfSet(filters, "to", query.to() == null ? null : CanonicalForm.formatTime(query.to()));
        putIfSet(filters, "fromSequence", query.fromSequence());
        putIfSet(filters, "toSequence", query.toSequence());
        return filters;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(List.of(new FieldViolation(parameter, "format",
                    "must be an ISO-8601 instant such as 2026-11-23T10:00:00Z, was '" + value + "'")));
        }
    }
}
