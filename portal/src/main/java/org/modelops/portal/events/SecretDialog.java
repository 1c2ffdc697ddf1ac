package org.modelops.portal.events;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;

/**
 * A signing secret, shown this once: the service keeps no readable copy, so the dialog says to copy it now and
 * offers the clipboard. Closing it forgets the secret; the page never shows it again.
 */
class SecretDialog extends Dialog {

    SecretDialog(String url, String secret) {
        setHeaderTitle("The signing secret for " + url);
        var hint = new Paragraph("Copy it now and store it where the receiver checks signatures: this is the only"
                + " time it is shown. If it is lost, rotate the secret.");
        hint.setId("secret-hint");
        hint.addClassName("notice");
        var field = new TextField("Secret");
        field.setId("subscription-secret");
        field.setValue(secret == null ? "" : secret);
        field.setReadOnly(true);
        field.setWidthFull();
        field.addClassName("digest");
        var copy = new Button("Copy", VaadinIcon.COPY_O.create(),
                click -> click.getSource().getElement().executeJs("navigator.clipboard.writeText($0)", secret));
        copy.setId("copy-secret");
        copy.getElement().setAttribute("aria-label", "Copy the signing secret");
        add(hint, field);
        var done = new Button("I have copied it", click -> close());
        done.setId("secret-done");
        done.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(copy, done);
        setCloseOnOutsideClick(false);
        setWidth("min(40em, 95vw)");
    }
}
