package org.modelops.governance.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modelops.audit.AuditEvent;
import org.modelops.governance.events.model.EventSubject;
import org.modelops.governance.events.model.EventTypes;

/**
 * The CloudEvents 1.0 envelope of a published audit event (structured JSON mode, built and written by the CloudEvents
 * SDK): {@code id} is the audit sequence (receivers dedupe on it), {@code data} the model, version, actor and the
 * event's details; extensions {@code modelopssequence} (the sequence, a decimal string: CloudEvents integers have 32 bits), {@code partitionkey} (what orders
 * delivery: the model) and {@code audithash} (the event's hash in the audit chain).
 */
@Singleton
public class EventEnvelopes {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private final ObjectMapper json = new ObjectMapper();
    private final JsonFormat format = new JsonFormat();
    private final URI source;

    EventEnvelopes(EventsProperties properties) {
        this.source = URI.create(properties.eventSource());
    }

    public CloudEvent envelope(AuditEvent event) {
        var type = EventTypes.typeOf(event.action())
                .orElseThrow(() -> new IllegalArgumentException(event.action() + " is not published"));
        var subject = EventSubject.of(event.subject());
        var data = new LinkedHashMap<String, Object>();
        data.put("model", subject.model());
        data.put("version", subject.version());
        data.put("actor", Map.of("username", event.actor().username()));
        data.put("details", event.details());
        if (event.correlation() != null) {
            data.put("lifecycle", event.correlation());
        }
        try {
            return CloudEventBuilder.v1().withId(Long.toString(event.sequence())).withSource(source).withType(type)
                    .withSubject(subject.subject()).withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
                    .withDataContentType("application/json").withData(json.writeValueAsBytes(data))
                    .withExtension("modelopssequence", Long.toString(event.sequence()))
                    .withExtension("partitionkey", subject.orderingKey())
                    .withExtension("audithash", event.hash()).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the details of audit event " + event.sequence() + " are not JSON", e);
        }
    }

    public byte[] serialize(CloudEvent event) {
        return format.serialize(event);
    }
}
