package org.modelops.governance.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.Concurrently;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.Problems;
import org.modelops.governance.testing.ServiceTest;

/**
 * Events end to end on PostgreSQL: the outbox row is part of the change's transaction, and delivery rounds (run here
 * with a moved clock instead of the schedule) send signed CloudEvents to a real local receiver, retrying with backoff,
 * in order per model, until delivered or dead.
 */
@MicronautTest(transactional = false)
class EventsTest extends ServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/v1/event-subscriptions";

    @Inject
    EventDelivery delivery;

    @Inject
    org.modelops.governance.audit.AuditLog audit;

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put("governance.events.max-attempts", "4");
        return properties;
    }

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    private static String admin() {
        return IDP.tokenFor("gina", "governance-admin");
    }

    private record Subscribed(long id, String secret) {
    }

    private Subscribed subscribe(String url, List<String> models, List<String> types) throws Exception {
        var body = JSON.writeValueAsString(Map.of("url", url, "description", "test receiver", "types", types,
                "models", models));
        var created = api().post(PATH, admin(), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Subscribed(created.json().path("id").asLong(), created.field("secret"));
    }

    private void registerAndSubmit(String name) {
        assertThat(api().post("/api/v1/models", erin(), registration(name, "LOW")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.9)).status())
                .isEqualTo(201);
    }

    /** Rounds at {@code now} until one attempts nothing. */
    private void roundsAt(Instant now) {
        for (int i = 0; i < 50 && delivery.deliverDue(now).attempted() > 0; i++) {
            // next round
        }
    }

    private List<JsonNode> deliveries(Subscribed subscription, String query) {
        var response = api().get(PATH + "/" + subscription.id() + "/deliveries?size=200" + query, admin());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var items = new ArrayList<JsonNode>();
        response.json().path("items").forEach(items::add);
        return items.reversed();
    }

    private static List<Long> outboxOf(String model) {
        var sequences = new ArrayList<Long>();
        try (var connection = Database.connect();
                var statement = connection.prepareStatement(
                        "SELECT sequence FROM event_outbox WHERE model = ? ORDER BY sequence")) {
            statement.setString(1, model);
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    sequences.add(rs.getLong(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return sequences;
    }

    private static long id(Receiver.Received request) {
        return Long.parseLong(request.header("webhook-id"));
    }

    @Test
    void aSubmissionWritesItsEventToTheOutboxWithTheAuditEventsSequence() {
        var name = uniqueName("outbox");
        registerAndSubmit(name);

        long sequence = Database.count("SELECT sequence FROM audit_events WHERE action = 'version.submitted'"
                + " AND subject_id = ?", name + "/1");
        assertThat(Database.count("SELECT count(*) FROM event_outbox WHERE sequence = ? AND model = ? AND version = 1"
                + " AND type = 'org.modelops.version.submitted' AND ordering_key = ?", sequence, name, name))
                .isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM event_outbox WHERE model = ?", name))
                .as("every governed change of the model, nothing else")
                .isEqualTo(Database.count("SELECT count(*) FROM audit_events WHERE subject_id = ? OR subject_id LIKE ?",
                        name, name + "/%"));
    }

    @Test
    void anEventReachesTheOutboxOnlyTogetherWithItsPlaceInTheChain() {
        var name = uniqueName("rollback");
        assertThat(api().post("/api/v1/models", erin(), registration(name, "LOW")).status()).isEqualTo(201);
        // The change commits its event as pending; the seal that chains it writes the outbox row, and here fails at
        // its commit, after everything else it did.
        var trigger = "fail_commit_" + name.replace('-', '_');
        Database.executeAsOwner("""
                CREATE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.model = '%2$s' AND NEW.type = 'org.modelops.version.submitted' THEN
                        RAISE EXCEPTION 'the commit fails (simulated)';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE CONSTRAINT TRIGGER %1$s AFTER INSERT ON event_outbox DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION %1$s();
                """.formatted(trigger, name));
        try {
            var response = api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.9));
            assertThat(response.status()).as("the change itself committed").isEqualTo(201);
            assertThat(Database.count("SELECT count(*) FROM event_outbox WHERE model = ? AND version IS NOT NULL",
                    name)).as("no outbox row without its chained event").isZero();
            assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id LIKE ?", name + "/%"))
                    .as("the seal rolled back as a whole").isZero();
            assertThat(Database.count("SELECT count(*) FROM audit_pending WHERE subject_id = ?"
                    + " AND action = 'version.submitted'", name + "/1"))
                    .as("the event waits, committed with its change").isEqualTo(1);
        } finally {
            Database.executeAsOwner("DROP TRIGGER %1$s ON event_outbox; DROP FUNCTION %1$s();".formatted(trigger));
        }

        // Once the fault is gone, the next seal chains the waiting event and writes its outbox row with it.
        audit.sealPending();
        long sequence = Database.count("SELECT sequence FROM audit_events WHERE action = 'version.submitted'"
                + " AND subject_id = ?", name + "/1");
        assertThat(Database.count("SELECT count(*) FROM event_outbox WHERE model = ? AND version = 1"
                + " AND type = 'org.modelops.version.submitted' AND sequence = ?", name, sequence)).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM audit_pending WHERE subject_id LIKE ?", name + "/%"))
                .isZero();
    }

    @Test
    void aSubscribedReceiverGetsSignedCloudEventsItCanVerify() throws Exception {
        try (var receiver = Receiver.answering204()) {
            var name = uniqueName("signed");
            var subscription = subscribe(receiver.url(), List.of(name), List.of("org.modelops.version.*"));
            registerAndSubmit(name);

            roundsAt(Instant.now());

            var received = receiver.received();
            assertThat(received).isNotEmpty();
            assertThat(received).allSatisfy(request -> {
                assertThat(Receiver.signedWith(subscription.secret(), request)).as("signature").isTrue();
                assertThat(request.header("Content-Type")).isEqualTo("application/cloudevents+json");
                assertThat(JSON.readTree(request.body()).path("type").asText()).startsWith("org.modelops.version.");
            });
            var first = received.getFirst();
            var event = JSON.readTree(first.body());
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("id").asText()).isEqualTo(first.header("webhook-id"));
            assertThat(event.path("type").asText()).isEqualTo("org.modelops.version.submitted");
            assertThat(event.path("source").asText()).isEqualTo("urn:modelops:governance");
            assertThat(event.path("subject").asText()).isEqualTo("models/" + name + "/versions/1");
            assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(event.path("modelopssequence").asLong()).isEqualTo(id(first));
            assertThat(event.path("partitionkey").asText()).isEqualTo(name);
            assertThat(event.path("data").path("model").asText()).isEqualTo(name);
            assertThat(event.path("data").path("version").asInt()).isEqualTo(1);
            assertThat(event.path("data").path("actor").path("username").asText()).isEqualTo("erin");
            assertThat(event.path("data").path("details").path("artifactSha256").asText()).isEqualTo("a".repeat(64));
            assertThat(event.path("audithash").asText()).isEqualTo(JSON.readTree(api().get("/api/v1/audit?model="
                    + name + "&action=version.submitted", admin()).body()).path("items").path(0).path("hash").asText());
            assertThat(Long.parseLong(first.header("webhook-timestamp")))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));

            var deliveries = deliveries(subscription, "");
            assertThat(deliveries).hasSize(received.size()).allSatisfy(item -> {
                assertThat(item.path("status").asText()).isEqualTo("DELIVERED");
                assertThat(item.path("attempts").asInt()).isEqualTo(1);
                assertThat(item.path("lastStatusCode").asInt()).isEqualTo(204);
                assertThat(item.path("model").asText()).isEqualTo(name);
                assertThat(item.path("deliveredAt").isNull()).isFalse();
            });
            assertThat(deliveries.getFirst().path("eventId").asLong()).isEqualTo(id(first));
            api().send("DELETE", PATH + "/" + subscription.id(), admin(), null, Map.of());
        }
    }

    @Test
    void aReceiverOutageIsRetriedWithBackoffAndEachModelsEventsArriveInOrder() throws Exception {
        var held = uniqueName("held");
        var other = uniqueName("other");
        try (var receiver = new Receiver(3, 503, "\"model\":\"" + held + "\"")) {
            var subscription = subscribe(receiver.url(), List.of(held, other), List.of());
            registerAndSubmit(held);
            registerAndSubmit(other);
            var t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

            roundsAt(t0);

            var first = deliveries(subscription, "").stream()
                    .filter(item -> item.path("model").asText().equals(held)).toList();
            assertThat(first.getFirst().path("status").asText()).isEqualTo("RETRYING");
            assertThat(first.getFirst().path("attempts").asInt()).isEqualTo(1);
            assertThat(first.getFirst().path("lastStatusCode").asInt()).isEqualTo(503);
            assertThat(Instant.parse(first.getFirst().path("nextAttemptAt").asText())).isEqualTo(t0.plusSeconds(5));
            assertThat(first.subList(1, first.size())).as("held back behind the failing one")
                    .allSatisfy(item -> assertThat(item.path("status").asText()).isEqualTo("PENDING"));
            assertThat(receiver.accepted()).extracting(EventsTest::id).as("the other model is not held back")
                    .containsExactlyElementsOf(outboxOf(other));

            assertThat(delivery.deliverDue(t0.plusSeconds(4)).attempted()).as("not due yet").isZero();
            assertThat(delivery.deliverDue(t0.plusSeconds(5)).attempted()).isEqualTo(1);
            assertThat(delivery.deliverDue(t0.plusSeconds(34)).attempted()).as("30 s after the second").isZero();
            assertThat(delivery.deliverDue(t0.plusSeconds(35)).attempted()).isEqualTo(1);
            assertThat(delivery.deliverDue(t0.plusSeconds(154)).attempted()).as("2 min after the third").isZero();
            roundsAt(t0.plusSeconds(155));

            var heldRequests = receiver.received().stream()
                    .filter(request -> request.body().contains("\"model\":\"" + held + "\"")).toList();
            assertThat(heldRequests.subList(0, 3)).extracting(Receiver.Received::answered).containsOnly(503);
            assertThat(heldRequests.subList(0, 4)).extracting(EventsTest::id).containsOnly(outboxOf(held).getFirst());
            assertThat(receiver.accepted().stream().filter(heldRequests::contains).map(EventsTest::id).toList())
                    .as("delivered once each, in the order they happened").containsExactlyElementsOf(outboxOf(held));
            assertThat(deliveries(subscription, "")).allSatisfy(
                    item -> assertThat(item.path("status").asText()).isEqualTo("DELIVERED"));
            api().send("DELETE", PATH + "/" + subscription.id(), admin(), null, Map.of());
        }
    }

    @Test
    void afterMaxAttemptsADeliveryIsDeadLaterEventsGoOnAndAReplayDeliversIt() throws Exception {
        var name = uniqueName("dead");
        try (var receiver = new Receiver(4, 500, null)) {
            var subscription = subscribe(receiver.url(), List.of(name), List.of());
            registerAndSubmit(name);
            var t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

            for (var at : List.of(t0, t0.plusSeconds(5), t0.plusSeconds(35), t0.plusSeconds(155))) {
                assertThat(delivery.deliverDue(at).attempted()).isEqualTo(1);
            }
            roundsAt(t0.plusSeconds(155));

            var all = deliveries(subscription, "");
            var dead = all.getFirst();
            assertThat(dead.path("status").asText()).isEqualTo("DEAD");
            assertThat(dead.path("attempts").asInt()).isEqualTo(4);
            assertThat(dead.path("lastError").asText()).contains("500").contains("gave up after 4 attempts");
            assertThat(dead.path("nextAttemptAt").isNull()).isTrue();
            assertThat(all.subList(1, all.size())).as("later events went on").isNotEmpty().allSatisfy(
                    item -> assertThat(item.path("status").asText()).isEqualTo("DELIVERED"));
            var listed = api().get(PATH + "/" + subscription.id() + "/deliveries?status=DEAD", admin());
            assertThat(listed.json().path("total").asLong()).isEqualTo(1);
            assertThat(listed.json().path("items").path(0).path("id").asLong()).isEqualTo(dead.path("id").asLong());

            var notDead = api().post(PATH + "/" + subscription.id() + "/deliveries/" + all.get(1).path("id").asLong()
                    + "/replay", admin(), "");
            assertThat(notDead.status()).isEqualTo(409);
            assertThat(notDead.field("type")).isEqualTo("/problems/delivery-not-dead");

            var replayed = api().post(PATH + "/" + subscription.id() + "/deliveries/" + dead.path("id").asLong()
                    + "/replay", admin(), "");
            assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
            assertThat(replayed.field("status")).isEqualTo("PENDING");
            assertThat(replayed.json().path("attempts").asInt()).isZero();
            roundsAt(Instant.now().plusSeconds(1));

            assertThat(deliveries(subscription, "").getFirst().path("status").asText()).isEqualTo("DELIVERED");
            assertThat(receiver.accepted()).extracting(EventsTest::id).last().isEqualTo(outboxOf(name).getFirst());
            var none = api().post(PATH + "/" + subscription.id() + "/replay-dead", admin(), "");
            assertThat(none.json().path("replayed").asInt()).isZero();
            assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = ? AND subject_id = ?",
                    "event-subscription.deliveries-replayed", Long.toString(subscription.id()))).isEqualTo(1);
            api().send("DELETE", PATH + "/" + subscription.id(), admin(), null, Map.of());
        }
    }

    @Test
    void roundsOnSeveralReplicasAtOnceSendEachEventOnceAndInOrder() throws Exception {
        var name = uniqueName("replicas");
        try (var receiver = Receiver.answering204()) {
            var subscription = subscribe(receiver.url(), List.of(name), List.of());
            registerAndSubmit(name);
            var now = Instant.now();

            for (int i = 0; i < 20 && (i == 0 || !deliveries(subscription, "").stream().allMatch(
                    item -> item.path("status").asText().equals("DELIVERED"))); i++) {
                Concurrently.run(4, replica -> delivery.deliverDue(now));
            }

            assertThat(receiver.received()).extracting(EventsTest::id).as("once each, in order")
                    .containsExactlyElementsOf(outboxOf(name));
            api().send("DELETE", PATH + "/" + subscription.id(), admin(), null, Map.of());
        }
    }

    @Test
    void pruningRemovesFannedOutOutboxRowsAndOldDeliveriesButKeepsTheDead() throws Exception {
        var name = uniqueName("prune");
        try (var receiver = new Receiver(1000, 500, "\"version\":null")) {
            var subscription = subscribe(receiver.url(), List.of(name), List.of());
            registerAndSubmit(name);
            var t0 = Instant.now();
            roundsAt(t0);
            for (var later : List.of(5, 35, 155)) {
                roundsAt(t0.plusSeconds(later));
            }
            roundsAt(t0.plusSeconds(155));
            var before = deliveries(subscription, "");
            assertThat(before.getFirst().path("status").asText()).as("model.registered").isEqualTo("DEAD");

            delivery.prune(Instant.now().plusSeconds(3600));

            assertThat(outboxOf(name)).as("fanned out by every active subscription").isEmpty();
            assertThat(deliveries(subscription, "")).extracting(item -> item.path("status").asText())
                    .containsExactly("DEAD");
            api().send("DELETE", PATH + "/" + subscription.id(), admin(), null, Map.of());
        }
    }

    @Test
    void aReceiverAnswering410GoneSwitchesItsSubscriptionOff() throws Exception {
        var name = uniqueName("gone");
        try (var receiver = new Receiver(1000, 410, null)) {
            var subscription = subscribe(receiver.url(), List.of(name), List.of());
            registerAndSubmit(name);

            roundsAt(Instant.now());

            assertThat(receiver.received()).hasSize(1);
            assertThat(api().get(PATH + "/" + subscription.id(), admin()).json().path("active").asBoolean()).isFalse();
            assertThat(deliveries(subscription, "").getFirst().path("status").asText()).isEqualTo("DEAD");
            assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = ? AND subject_id = ?",
                    "event-subscription.deactivated", Long.toString(subscription.id()))).isEqualTo(1);
            api().send("DELETE", PATH + "/" + subscription.id(), admin(), null, Map.of());
        }
    }

    @Test
    void subscriptionsAreManagedAuditedAndTheirSecretIsShownOnlyOnce() throws Exception {
        var subscription = subscribe("https://hooks.example.com/modelops", List.of("credit-risk"),
                List.of("org.modelops.monitoring.*"));
        var path = PATH + "/" + subscription.id();
        assertThat(subscription.secret()).startsWith("whsec_");

        var read = api().get(path, admin());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().has("secret")).isFalse();
        assertThat(read.field("url")).isEqualTo("https://hooks.example.com/modelops");
        assertThat(read.json().path("types").path(0).asText()).isEqualTo("org.modelops.monitoring.*");
        assertThat(read.json().path("active").asBoolean()).isTrue();
        assertThat(read.field("createdAt")).isNotBlank();
        assertThat(api().get(PATH + "?size=200", admin()).json().path("items").findValues("secret")).isEmpty();

        var changed = api().patch(path, admin(), "{\"active\": false, \"models\": []}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("active").asBoolean()).isFalse();
        assertThat(changed.json().path("models").size()).isZero();
        assertThat(changed.field("description")).isEqualTo("test receiver");

        var rotated = api().post(path + "/secret", admin(), "");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.field("secret")).startsWith("whsec_").isNotEqualTo(subscription.secret());

        assertThat(api().send("DELETE", path, admin(), null, Map.of()).status()).isEqualTo(204);
        assertThat(api().get(path, admin()).status()).isEqualTo(404);
        assertThat(api().get(path, admin()).field("type")).isEqualTo("/problems/subscription-not-found");

        var actions = new ArrayList<String>();
        try (var connection = Database.connect();
                var statement = connection.prepareStatement("SELECT action"
                        + " FROM audit_events WHERE subject_type = 'event-subscription' AND subject_id = ? ORDER BY sequence"
                        + " DESC")) {
            statement.setString(1, Long.toString(subscription.id()));
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
        }
        assertThat(actions).containsExactly("event-subscription.deleted", "event-subscription.secret-rotated",
                "event-subscription.changed", "event-subscription.created");
        assertThat(Database.count("SELECT count(*) FROM audit_events a JOIN event_outbox o ON o.sequence = a.sequence"
                + " WHERE a.action LIKE 'event-subscription.%'")).as("not published").isZero();
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE details::text LIKE ?",
                "%" + subscription.secret().substring(6, 20) + "%")).as("no secret in the trail").isZero();
    }

    @Test
    void aSubscriptionRequestIsRefusedFieldByField() {
        Problems.assertInvalid(api().post(PATH, admin(), "{\"url\": \"ftp://example.com/x\"}"), "url", "scheme");
        Problems.assertInvalid(api().post(PATH, admin(), "{\"url\": \"https://u:p@example.com/x\"}"), "url",
                "credentials");
        Problems.assertInvalid(api().post(PATH, admin(), "{}"), "url", "required");
        Problems.assertInvalid(api().post(PATH, admin(),
                "{\"url\": \"https://example.com/x\", \"types\": [\"org.modelops.version.submitted\", \"other\"]}"),
                "types[1]", "pattern");
        Problems.assertInvalid(api().post(PATH, admin(),
                "{\"url\": \"https://example.com/x\", \"models\": [\"Not A Model\"]}"), "models[0]", "pattern");
        Problems.assertInvalid(api().post(PATH, admin(), "{\"url\": \"https://example.com/x\", \"secret\": \"x\"}"),
                "secret", "unknown-field");
        Problems.assertInvalid(api().post(PATH, admin(), "{\"url\": \"https://example.com/x\", \"types\": \"x\"}"),
                "types", "type");
        Problems.assertInvalid(api().get(PATH + "/1/deliveries?status=LOST", admin()), "status", "enum");
        Problems.assertInvalid(api().patch(PATH + "/1", admin(), "{}"), "", "minProperties");
        var missing = api().patch(PATH + "/999999999", admin(), "{\"active\": true}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.field("type")).isEqualTo("/problems/subscription-not-found");
    }

    @Test
    void onlyGovernanceAdminsManageSubscriptions() {
        Api.Response forbidden = api().post(PATH, dana(), "{\"url\": \"https://example.com/x\"}");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(api().get(PATH, erin()).status()).isEqualTo(403);
        assertThat(api().get(PATH, null).status()).isEqualTo(401);
        assertThat(api().post(PATH + "/1/replay-dead", null, "").status()).isEqualTo(401);
    }
}
