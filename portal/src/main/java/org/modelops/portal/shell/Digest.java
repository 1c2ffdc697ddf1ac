package org.modelops.portal.shell;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.shared.Tooltip;

/**
 * A SHA-256 as people compare it: the short form on the page, the full value in the tooltip and one click away on the
 * clipboard (the short form alone cannot be checked against anything).
 */
public class Digest extends Span {

    private final String full;

    public Digest(String sha256) {
        this.full = sha256 == null ? "" : sha256;
        addClassName("digest");
        var text = new Span(Formats.shortDigest(full));
        text.getElement().setAttribute("title", full);
        Tooltip.forComponent(text).setText(full);
        var copy = new Button(VaadinIcon.COPY_O.create(),
                click -> click.getSource().getElement().executeJs("navigator.clipboard.writeText($0)", full));
        copy.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        copy.getElement().setAttribute("aria-label", "Copy the full hash " + full);
        copy.setTooltipText("Copy the full hash");
        add(text, copy);
    }

    public String fullValue() {
        return full;
    }
}
