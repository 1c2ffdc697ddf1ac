package org.modelops.portal.shell;

import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;

/** Asks to confirm a consequential action and for the reason that goes into the audit trail. */
public class ReasonDialog extends Dialog {

    private final TextArea reason = new TextArea("Reason (recorded in the audit trail)");
    private final Button confirm;

    public ReasonDialog(String title, String consequence, String confirmLabel, Consumer<String> action) {
        setHeaderTitle(title);
        reason.setRequired(true);
        reason.setMaxLength(1000);
        reason.setWidthFull();
        reason.setMinHeight("6em");
        reason.setId("reason");
        add(new Paragraph(consequence), reason);

        confirm = new Button(confirmLabel, click -> {
            if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage("Say why: the reason is recorded with your name in the audit trail.");
                click.getSource().setEnabled(true);
                return;
            }
            close();
            action.accept(reason.getValue().strip());
        });
        confirm.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        confirm.setDisableOnClick(true);
        confirm.setId("confirm");
        var cancel = new Button("Cancel", click -> close());
        getFooter().add(cancel, confirm);
        setWidth("min(36em, 95vw)");
    }

    public TextArea reason() {
        return reason;
    }

    public Button confirmButton() {
        return confirm;
    }
}
