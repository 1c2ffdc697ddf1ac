package org.modelops.portal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelops.portal.governance.EventSubscription;
import org.modelops.portal.governance.EventSubscription.Delivery;
import org.modelops.portal.governance.ServiceRefusal;
import org.modelops.portal.testing.FakeEventSubscriptionsApi;
import org.modelops.portal.testing.FakeGovernanceApi;
import org.modelops.portal.testing.FakeMonitoringApi;
import org.modelops.portal.testing.Grids;
import org.modelops.portal.testing.Persona;
import org.modelops.portal.testing.PortalUi;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

class SubscriptionsViewTest {

    private final FakeEventSubscriptionsApi api = new FakeEventSubscriptionsApi();
    private PortalUi portal;

    @BeforeEach
    void oneSubscription() {
        api.subscriptions.put("s1", FakeEventSubscriptionsApi.subscription("s1", "https://hooks.example.com/risk",
                true));
    }

    @AfterEach
    void close() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void theSubscriptionsAreListedWithHowManyAreActive() {
        api.subscriptions.put("s2", FakeEventSubscriptionsApi.subscription("s2", "https://hooks.example.com/old",
                false));
        open();

        assertThat(text("subscriptions-summary")).isEqualTo("2 subscriptions, 1 active.");
        var grid = subscriptions();
        var rows = portal.ui().test(grid);
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.getCellText(1, Grids.column(grid, "Active"))).isEqualTo("inactive");
        assertThat(rows.getCellText(0, Grids.column(grid, "Event types"))).isEqualTo("version.promoted");
    }

    @Test
    void creatingShowsTheSecretOnceAndNeverAgain() {
        open();

        click("new-subscription");
        type("subscription-url", " https://hooks.example.com/new ");
        type("subscription-types", "version.promoted, monitoring.breach, version.promoted");
        type("subscription-models", "credit-score");
        click("subscription-save");

        assertThat(api.calls("create")).singleElement().satisfies(call -> assertThat(call.arguments().getFirst())
                .isEqualTo(new EventSubscription.Change("https://hooks.example.com/new", null,
                        List.of("version.promoted", "monitoring.breach"), List.of("credit-score"), null)));
        var secret = portal.ui().find(TextField.class).id("subscription-secret");
        assertThat(secret.getValue()).isEqualTo("whsec-1-sub-2");
        assertThat(secret.isReadOnly()).isTrue();
        assertThat(text("secret-hint")).contains("the only time it is shown");

        click("secret-done");

        assertThat(portal.ui().find(TextField.class).withId("subscription-secret").exists()).isFalse();
        assertThat(portal.ui().test(subscriptions()).size()).isEqualTo(2);
        assertThat(text("subscriptions-summary")).isEqualTo("2 subscriptions, 2 active.");
    }

    @Test
    void aRefusalNamesTheFieldNextToItsInputAndKeepsWhatWasTyped() {
        api.failing("create", new ServiceRefusal(400, "/problems/invalid-request", "Bad Request",
                "The subscription is not valid.", List.of(new ServiceRefusal.FieldError("url", "https",
                        "must be an https URL"),
                        new ServiceRefusal.FieldError("types[0]", "known",
                                "no event type 'nope'"))));
        open();

        click("new-subscription");
        type("subscription-url", "http://insecure.example.com");
        type("subscription-types", "nope");
        click("subscription-save");

        var url = portal.ui().find(TextField.class).id("subscription-url");
        assertThat(url.isInvalid()).isTrue();
        assertThat(url.getErrorMessage()).isEqualTo("must be an https URL");
        assertThat(url.getValue()).isEqualTo("http://insecure.example.com");
        var types = portal.ui().find(TextField.class).id("subscription-types");
        assertThat(types.getErrorMessage()).isEqualTo("no event type 'nope'");
        assertThat(text("subscription-problem")).isEqualTo("The subscription is not valid.");
        assertThat(portal.ui().find(TextField.class).withId("subscription-secret").exists()).isFalse();

        api.succeeding("create");
        type("subscription-url", "https://secure.example.com");
        click("subscription-save");
        assertThat(portal.ui().find(TextField.class).id("subscription-secret").getValue()).startsWith("whsec-");
    }

    @Test
    void deactivatingSendsOnlyThatChange() {
        open();

        rowButton(0, "Edit").click();
        portal.ui().test(portal.ui().find(Checkbox.class).id("subscription-active")).click();
        click("subscription-save");

        assertThat(api.calls("update")).singleElement().satisfies(call -> assertThat(call.arguments())
                .containsExactly("s1", new EventSubscription.Change(null, null, null, null, false)));
        assertThat(portal.ui().test(subscriptions()).getCellText(0, Grids.column(subscriptions(), "Active")))
                .isEqualTo("inactive");
    }

    @Test
    void deletingAsksFirst() {
        open();

        rowButton(0, "Delete").click();
        assertThat(api.calls("delete")).isEmpty();
        portal.ui().test(dialogButton("Cancel")).click();
        assertThat(api.calls("delete")).isEmpty();

        rowButton(0, "Delete").click();
        click("confirm");

        assertThat(api.calls("delete")).singleElement().satisfies(call -> assertThat(call.arguments())
                .containsExactly("s1"));
        assertThat(text("subscriptions-summary")).isEqualTo("No subscriptions yet: nobody is told about governance"
                + " events.");
    }

    @Test
    void rotatingTheSecretShowsTheNewOneOnce() {
        open();

        rowButton(0, "Rotate secret").click();
        click("confirm");

        assertThat(api.calls("rotateSecret")).hasSize(1);
        assertThat(portal.ui().find(TextField.class).id("subscription-secret").getValue()).isEqualTo(
                "whsec-1-s1");
    }

    @Test
    void theDeliveryLogIsPagedFilteredAndReplayed() {
        var log = new ArrayList<Delivery>();
        for (var i = 0; i < 120; i++) {
            log.add(delivery("d" + i, i % 3 == 0 ? "DEAD" : "DELIVERED"));
        }
        log.add(delivery("p1", "PENDING"));
        api.deliveries.put("s1", log);
        open();

        rowButton(0, "Deliveries").click();

        @SuppressWarnings("unchecked")
        Grid<Delivery> deliveries = portal.ui().find(Grid.class).id("deliveries");
        assertThat(portal.ui().test(deliveries).size()).isEqualTo(121);
        assertThat(text("deliveries-summary")).isEqualTo("121 deliveries.");
        assertThat(api.calls("deliveries")).allSatisfy(call -> assertThat((int) call.arguments().get(3))
                .isLessThanOrEqualTo(200));

        @SuppressWarnings("unchecked")
        Select<String> status = portal.ui().find(Select.class).id("delivery-status");
        portal.ui().test(status).selectItem("dead");

        assertThat(portal.ui().test(deliveries).size()).isEqualTo(40);
        assertThat(text("deliveries-summary")).isEqualTo("40 deliveries dead.");
        assertThat(api.calls("deliveries").getLast().arguments().get(1)).isEqualTo("DEAD");
        var row = portal.ui().test(deliveries);
        assertThat(row.getCellText(0, Grids.column(deliveries, "Last attempt")))
                .isEqualTo("2026-03-02 09:00:00 UTC answered 503: Service Unavailable");

        var replay = Grids.components(portal.ui(), deliveries, 0, Button.class).getFirst();
        portal.ui().test(replay).click();
        assertThat(api.calls("replay")).singleElement().satisfies(call -> assertThat(call.arguments())
                .containsExactly("s1", "d0"));

        click("replay-dead");
        assertThat(api.calls("replayDead")).isEmpty();
        click("confirm");
        assertThat(api.calls("replayDead")).singleElement().satisfies(call -> assertThat(call.arguments())
                .containsExactly("s1"));
    }

    @Test
    void aPendingDeliveryOffersNoReplay() {
        api.deliveries.put("s1", List.of(delivery("p1", "PENDING")));
        open();

        rowButton(0, "Deliveries").click();

        @SuppressWarnings("unchecked")
        Grid<Delivery> deliveries = portal.ui().find(Grid.class).id("deliveries");
        assertThat(Grids.components(portal.ui(), deliveries, 0, Button.class)).isEmpty();
    }

    @Test
    void fieldNamesAreReadToTheirRoot() {
        assertThat(SubscriptionForm.root("types[1]")).isEqualTo("types");
        assertThat(SubscriptionForm.root("url.host")).isEqualTo("url");
        assertThat(SubscriptionForm.root("models")).isEqualTo("models");
        assertThat(SubscriptionForm.list(" a, ,b ,a")).containsExactly("a", "b");
    }

    private static Delivery delivery(String id, String status) {
        var tried = "PENDING".equals(status) ? null : Instant.parse("2026-03-02T09:00:00Z");
        Integer code = switch (status) {
            case "DEAD" -> 503;
            case "PENDING" -> null;
            default -> 200;
        };
        return new Delivery(id, "e-" + id, "version.promoted", "credit-score", 2, status, tried == null ? 0 : 3,
                tried, null, code, "DEAD".equals(status) ? "Service Unavailable" : null,
                "DELIVERED".equals(status) ? tried : null);
    }

    private void open() {
        portal = PortalUi.as(Persona.ada(), new FakeGovernanceApi(), new FakeMonitoringApi(), api);
        portal.ui().navigate(SubscriptionsView.class);
    }

    @SuppressWarnings("unchecked")
    private Grid<EventSubscription> subscriptions() {
        return portal.ui().find(Grid.class).id("subscriptions");
    }

    private com.vaadin.flow.component.button.ButtonTester<Button> rowButton(int row, String label) {
        var actions = Grids.components(portal.ui(), subscriptions(), row, HorizontalLayout.class).getFirst();
        var button = actions.getChildren()
                .filter(Button.class::isInstance)
                .map(Button.class::cast)
                .filter(b -> label.equals(b.getText()))
                .findFirst()
                .orElseThrow();
        return portal.ui().test(button);
    }

    private Button dialogButton(String label) {
        var dialog = portal.ui().find(Dialog.class).last();
        return portal.ui().find(Button.class, dialog).withText(label).single();
    }

    private void click(String id) {
        portal.ui().test(portal.ui().find(Button.class).id(id)).click();
    }

    private void type(String id, String value) {
        portal.ui().test(portal.ui().find(TextField.class).id(id)).setValue(value);
    }

    private String text(String id) {
        return portal.ui().find(Paragraph.class).id(id).getText();
    }
}
