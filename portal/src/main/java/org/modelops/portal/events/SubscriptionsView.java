package org.modelops.portal.events;

import java.util.List;
import java.util.stream.Stream;

import org.modelops.portal.governance.EventSubscription;
import org.modelops.portal.governance.EventSubscription.Delivery;
import org.modelops.portal.governance.EventSubscriptionsApi;
import org.modelops.portal.security.Roles;
import org.modelops.portal.shell.Feedback;
import org.modelops.portal.shell.Formats;
import org.modelops.portal.shell.LazyPages;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * Governance admins manage who is told about governance events: the subscriptions (create, with the signing secret
 * shown once; edit or deactivate; rotate the secret; delete after confirming) and each subscription's deliveries,
 * filtered by status and paged, replayed one by one or all dead ones at once.
 */
@Route("event-subscriptions")
@PageTitle("Event subscriptions · ModelOps")
@RolesAllowed(Roles.GOVERNANCE_ADMIN)
public class SubscriptionsView extends VerticalLayout implements BeforeEnterObserver {

    static final String ANY = "any";
    static final int PAGE_SIZE = 50;

    private final EventSubscriptionsApi subscriptions;
    private final Paragraph summary = new Paragraph();
    private final Grid<EventSubscription> grid = new Grid<>(EventSubscription.class, false);
    private final Div deliveriesSection = new Div();
    private final Select<String> status = new Select<>();
    private final Grid<Delivery> deliveries = new Grid<>(Delivery.class, false);
    private final Paragraph deliveriesSummary = new Paragraph();
    private final H3 deliveriesTitle = new H3();
    private EventSubscription selected;

    public SubscriptionsView(EventSubscriptionsApi subscriptions) {
        this.subscriptions = subscriptions;
        addClassName("page");
        summary.setId("subscriptions-summary");
        var create = new Button("New subscription", VaadinIcon.PLUS.create(), click -> openCreate());
        create.setId("new-subscription");
        create.addThemeVariants(ButtonVariant.PRIMARY);

        grid.setId("subscriptions");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(EventSubscription::url).setHeader("URL").setAutoWidth(true).setFlexGrow(2)
                .setTooltipGenerator(EventSubscription::url);
        grid.addColumn(s -> s.description() == null ? "" : s.description()).setHeader("Description")
                .setFlexGrow(2);
        grid.addColumn(s -> s.types().isEmpty() ? "" : String.join(", ", s.types())).setHeader("Event types")
                .setAutoWidth(true);
        grid.addColumn(s -> s.models().isEmpty() ? "" : String.join(", ", s.models())).setHeader("Models")
                .setAutoWidth(true);
        grid.addComponentColumn(SubscriptionsView::activeBadge).setHeader("Active").setAutoWidth(true);
        grid.addColumn(s -> Formats.time(s.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addComponentColumn(this::rowActions).setHeader("").setAutoWidth(true);

        status.setId("delivery-status");
        status.setLabel("Status");
        var statuses = new java.util.ArrayList<String>();
        statuses.add(ANY);
        statuses.addAll(EventSubscription.DELIVERY_STATUSES);
        status.setItems(statuses);
        status.setItemLabelGenerator(s -> s.toLowerCase());
        status.setValue(ANY);
        status.addValueChangeListener(change -> deliveries.getDataProvider().refreshAll());
        deliveriesSummary.setId("deliveries-summary");
        deliveries.setId("deliveries");
        deliveries.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        deliveries.addColumn(Delivery::type).setHeader("Event").setAutoWidth(true);
        deliveries.addColumn(d -> d.model() == null
                ? ""
                : d.model() + (d.version() == null
                        ? ""
                        : " v" + d
                                .version()))
                .setHeader("Model").setAutoWidth(true);
        deliveries.addComponentColumn(SubscriptionsView::statusBadge).setHeader("Status").setAutoWidth(true);
        deliveries.addColumn(Delivery::attempts).setHeader("Attempts").setAutoWidth(true);
        deliveries.addColumn(SubscriptionsView::lastAttempt).setHeader("Last attempt").setAutoWidth(true)
                .setTooltipGenerator(SubscriptionsView::lastAttempt);
        deliveries.addColumn(d -> d.deliveredAt() != null
                ? "delivered " + Formats.time(d.deliveredAt())
                : d.nextAttemptAt() == null ? "" : "next " + Formats.time(d.nextAttemptAt()))
                .setHeader("Delivered / next")
                .setAutoWidth(true);
        deliveries.addComponentColumn(this::replayButton).setHeader("").setAutoWidth(true);
        deliveries.setPageSize(PAGE_SIZE);
        deliveries.setItems(query -> {
            if (selected == null) {
                return Stream.empty();
            }
            try {
                return LazyPages.fetch(query.getOffset(), query.getLimit(),
                        (page, size) -> subscriptions.deliveries(selected.id(), statusFilter(), page, size));
            } catch (RuntimeException e) {
                deliveriesSummary.setText(Feedback.explain(e));
                return Stream.empty();
            }
        }, query -> {
            if (selected == null) {
                return 0;
            }
            try {
                var total = subscriptions.deliveries(selected.id(), statusFilter(), 0, 1).total();
                deliveriesSummary.setText(total + (total == 1 ? " delivery" : " deliveries")
                        + (statusFilter() == null ? "" : " " + statusFilter().toLowerCase()) + ".");
                return (int) Math.min(Integer.MAX_VALUE, total);
            } catch (RuntimeException e) {
                deliveriesSummary.setText(Feedback.explain(e));
                return 0;
            }
        });
        deliveries.setMinHeight("16em");
        var replayDead = new Button("Replay all dead", VaadinIcon.REFRESH.create(), click -> confirmReplayDead());
        replayDead.setId("replay-dead");
        var filters = new HorizontalLayout(status, replayDead);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        deliveriesSection.setId("deliveries-section");
        deliveriesSection.add(deliveriesTitle, filters, deliveriesSummary, deliveries);
        deliveriesSection.setVisible(false);
        deliveriesSection.setWidthFull();

        add(new H2("Event subscriptions"), new Paragraph("Webhooks the service sends governance events to, signed"
                + " with each subscription's secret."), create, summary, grid, deliveriesSection);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        refresh();
    }

    private void refresh() {
        try {
            var all = subscriptions.subscriptions();
            summary.setText(all.isEmpty()
                    ? "No subscriptions yet: nobody is told about governance events."
                    : all.size() + (all.size() == 1 ? " subscription" : " subscriptions") + ", "
                            + all.stream().filter(EventSubscription::active).count() + " active.");
            grid.setItems(all);
            grid.setVisible(!all.isEmpty());
            if (selected != null) {
                selected = all.stream().filter(s -> s.id().equals(selected.id())).findFirst().orElse(null);
                showDeliveries(selected);
            }
        } catch (RuntimeException e) {
            summary.setText(Feedback.explain(e));
            grid.setItems(List.of());
        }
    }

    private String statusFilter() {
        return status.getValue() == null || ANY.equals(status.getValue()) ? null : status.getValue();
    }

    private Component rowActions(EventSubscription subscription) {
        var edit = small("Edit", click -> openEdit(subscription));
        edit.getElement().setAttribute("aria-label", "Edit the subscription to " + subscription.url());
        var log = small("Deliveries", click -> showDeliveries(subscription));
        log.getElement().setAttribute("aria-label", "Deliveries to " + subscription.url());
        var rotate = small("Rotate secret", click -> confirmRotate(subscription));
        rotate.getElement().setAttribute("aria-label", "Rotate the secret of " + subscription.url());
        var delete = small("Delete", click -> confirmDelete(subscription));
        delete.addThemeVariants(ButtonVariant.ERROR);
        delete.getElement().setAttribute("aria-label", "Delete the subscription to " + subscription.url());
        var actions = new HorizontalLayout(edit, log, rotate, delete);
        actions.setSpacing(false);
        return actions;
    }

    private static Button small(String label,
            com.vaadin.flow.component.ComponentEventListener<com.vaadin.flow.component.ClickEvent<Button>> click) {
        var button = new Button(label, click);
        button.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        return button;
    }

    private void openCreate() {
        new SubscriptionForm(null, subscriptions::create, created -> {
            Feedback.success("Subscribed " + created.url() + ".");
            refresh();
            new SecretDialog(created.url(), created.secret()).open();
        }).open();
    }

    private void openEdit(EventSubscription subscription) {
        new SubscriptionForm(subscription, change -> subscriptions.update(subscription.id(), change), saved -> {
            Feedback.success("Saved the subscription to " + saved.url() + (saved.active()
                    ? "."
                    : "; it is inactive"
                            + " and receives nothing."));
            refresh();
        }).open();
    }

    private void confirmRotate(EventSubscription subscription) {
        confirm("Rotate the secret of " + subscription.url() + "?", "A new secret signs every delivery from now on;"
                + " the receiver must be given it, the old one stops working at once.", "Rotate", false, () -> {
                    var rotated = subscriptions.rotateSecret(subscription.id());
                    new SecretDialog(subscription.url(), rotated.secret()).open();
                });
    }

    private void confirmDelete(EventSubscription subscription) {
        confirm("Delete the subscription to " + subscription.url() + "?", "No further events are sent to it and"
                + " its delivery log goes with it. To pause it instead, edit it and make it inactive.", "Delete",
                true, () -> {
                    subscriptions.delete(subscription.id());
                    if (selected != null && selected.id().equals(subscription.id())) {
                        selected = null;
                        deliveriesSection.setVisible(false);
                    }
                    Feedback.success("Deleted the subscription to " + subscription.url() + ".");
                    refresh();
                });
    }

    private void confirmReplayDead() {
        if (selected == null) {
            return;
        }
        var target = selected;
        confirm("Replay every dead delivery to " + target.url() + "?", "Each dead delivery is sent again, as it was;"
                + " the receiver may see events it has seen before.", "Replay all dead", false, () -> {
                    subscriptions.replayDead(target.id());
                    Feedback.success("Dead deliveries to " + target.url() + " are queued again.");
                    deliveries.getDataProvider().refreshAll();
                });
    }

    private Component replayButton(Delivery delivery) {
        if ("PENDING".equals(delivery.status())) {
            return new Span();
        }
        var replay = small("Replay", click -> {
            try {
                subscriptions.replay(selected.id(), delivery.id());
                Feedback.success("The " + delivery.type() + " event is queued again for " + selected.url() + ".");
            } catch (RuntimeException e) {
                Feedback.explain(e);
            }
            deliveries.getDataProvider().refreshAll();
        });
        replay.getElement().setAttribute("aria-label", "Replay the " + delivery.type() + " delivery " + delivery.id());
        return replay;
    }

    private void showDeliveries(EventSubscription subscription) {
        selected = subscription;
        if (subscription == null) {
            deliveriesSection.setVisible(false);
            return;
        }
        deliveriesTitle.setText("Deliveries to " + subscription.url());
        deliveriesSection.setVisible(true);
        deliveries.getDataProvider().refreshAll();
    }

    /** Asks first; runs {@code action}, saying a refusal in words and leaving the dialog closed. */
    private void confirm(String title, String consequence, String label, boolean dangerous, Runnable action) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(title);
        dialog.add(new Paragraph(consequence));
        var go = new Button(label, click -> {
            dialog.close();
            try {
                action.run();
            } catch (RuntimeException e) {
                Feedback.explain(e);
            }
        });
        go.setId("confirm");
        go.addThemeVariants(ButtonVariant.PRIMARY);
        if (dangerous) {
            go.addThemeVariants(ButtonVariant.ERROR);
        }
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), go);
        dialog.setWidth("min(36em, 95vw)");
        dialog.open();
    }

    private static Span activeBadge(EventSubscription subscription) {
        var badge = new Span(subscription.active() ? "active" : "inactive");
        badge.getElement().getThemeList().add(subscription.active() ? "badge success" : "badge contrast");
        return badge;
    }

    private static Span statusBadge(Delivery delivery) {
        var text = delivery.status() == null ? "" : delivery.status().toLowerCase();
        var badge = new Span(text);
        badge.getElement().getThemeList().add(switch (delivery.status() == null ? "" : delivery.status()) {
            case "DELIVERED" -> "badge success";
            case "RETRYING" -> "badge warning";
            case "DEAD" -> "badge error primary";
            default -> "badge contrast";
        });
        return badge;
    }

    static String lastAttempt(Delivery delivery) {
        if (delivery.lastAttemptAt() == null) {
            return "not tried yet";
        }
        var outcome = delivery.lastStatusCode() == null ? "" : " answered " + delivery.lastStatusCode();
        var error = delivery.lastError() == null || delivery.lastError().isBlank() ? "" : ": " + delivery.lastError();
        return Formats.time(delivery.lastAttemptAt()) + outcome + error;
    }
}
