package org.modelops.portal.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.modelops.portal.governance.EventSubscription;
import org.modelops.portal.governance.ServiceRefusal;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Creates or edits a subscription. The service checks every field; when it refuses, its words appear next to the
 * field it names (and the rest above the buttons), and the dialog stays open with what was typed.
 */
class SubscriptionForm extends Dialog {

    final TextField url = new TextField("Webhook URL");
    final TextField description = new TextField("Description");
    final TextField types = new TextField("Event types");
    final TextField models = new TextField("Models");
    final Checkbox active = new Checkbox("Active: deliveries are sent");
    final Paragraph problem = new Paragraph();
    final Button save;
    private final EventSubscription existing;

    /**
     * {@code send} calls the service with the change and answers the saved subscription; a refusal it throws is
     * shown in the form.
     */
    SubscriptionForm(EventSubscription existing, Function<EventSubscription.Change, EventSubscription> send,
            java.util.function.Consumer<EventSubscription> saved) {
        this.existing = existing;
        setHeaderTitle(existing == null ? "New event subscription" : "Edit the subscription to " + existing.url());
        url.setId("subscription-url");
        url.setRequired(true);
        url.setPlaceholder("https://hooks.example.com/modelops");
        url.setWidthFull();
        description.setId("subscription-description");
        description.setWidthFull();
        types.setId("subscription-types");
        types.setHelperText(
                "Comma-separated, e.g. org.modelops.version.submitted, org.modelops.monitoring.* (docs/events.md)");
        types.setWidthFull();
        models.setId("subscription-models");
        models.setHelperText("Comma-separated model names");
        models.setWidthFull();
        active.setId("subscription-active");
        problem.setId("subscription-problem");
        problem.addClassName("verdict-failed");
        add(url, description, types, models);
        if (existing != null) {
            url.setValue(existing.url());
            description.setValue(existing.description() == null ? "" : existing.description());
            types.setValue(String.join(", ", existing.types()));
            models.setValue(String.join(", ", existing.models()));
            active.setValue(existing.active());
            add(active);
        }
        add(problem);
        save = new Button(existing == null ? "Create" : "Save", click -> {
            clearErrors();
            try {
                var result = send.apply(change());
                close();
                saved.accept(result);
            } catch (ServiceRefusal refusal) {
                show(refusal);
            } catch (RuntimeException e) {
                problem.setText(org.modelops.portal.shell.Feedback.explain(e));
            }
        });
        save.setId("subscription-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        var cancel = new Button("Cancel", click -> close());
        getFooter().add(cancel, save);
        setWidth("min(40em, 95vw)");
    }

    /** A new subscription: every field; an edit: only what changed. */
    EventSubscription.Change change() {
        var newTypes = list(types.getValue());
        var newModels = list(models.getValue());
        if (existing == null) {
            return new EventSubscription.Change(url.getValue().strip(), blankToNull(description.getValue()),
                    newTypes, newModels, null);
        }
        return new EventSubscription.Change(
                url.getValue().strip().equals(existing.url()) ? null : url.getValue().strip(),
                description.getValue().strip().equals(existing.description() == null ? "" : existing.description())
                        ? null
                        : description.getValue().strip(),
                newTypes.equals(existing.types()) ? null : newTypes,
                newModels.equals(existing.models()) ? null : newModels,
                active.getValue() == existing.active() ? null : active.getValue());
    }

    static List<String> list(String text) {
        return Arrays.stream(text == null ? new String[0] : text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The service's detail above the buttons; each named field's message next to that field. */
    void show(ServiceRefusal refusal) {
        var fields = Map.<String, HasValidation>of("url", url, "description", description, "types", types, "models",
                models);
        var unplaced = new StringBuilder();
        for (var error : refusal.errors()) {
            var field = fields.get(root(error.field()));
            if (field != null) {
                field.setInvalid(true);
                field.setErrorMessage(error.message());
            } else if (!error.message().isBlank()) {
                unplaced.append(' ').append(error.field().isBlank() ? "" : error.field() + ": ").append(error
                        .message());
            }
        }
        var detail = refusal.errors().isEmpty() ? refusal.plainMessage() : detail(refusal);
        problem.setText((detail + unplaced).strip());
    }

    /** The service's detail alone (its field messages stand next to their fields). */
    private static String detail(ServiceRefusal refusal) {
        return refusal.detail() == null || refusal.detail().isBlank()
                ? new ServiceRefusal(refusal.status(), refusal.type(), null, null, List.of()).plainMessage()
                : refusal.detail();
    }

    /** "types[1]" and "url.host" name the field "types" and "url". */
    static String root(String field) {
        if (field == null) {
            return "";
        }
        var end = field.length();
        for (var stop : new char[]{'[', '.'}) {
            var at = field.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return field.substring(0, end);
    }

    private void clearErrors() {
        problem.setText("");
        for (var field : List.of(url, description, types, models)) {
            field.setInvalid(false);
        }
    }
}
