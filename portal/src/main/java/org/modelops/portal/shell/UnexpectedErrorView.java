package org.modelops.portal.shell;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.RouterLink;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** What a user sees when a page fails in a way the portal did not foresee: a sentence, not a stack trace. */
@PermitAll
public class UnexpectedErrorView extends VerticalLayout implements HasErrorParameter<Exception> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        LOG.error("unexpected failure opening /{}", event.getLocation().getPath(), parameter.getCaughtException());
        addClassName("page");
        var message = new Paragraph(Feedback.UNEXPECTED);
        message.setId("unexpected-error");
        add(new H2("This page could not be shown"), message, new RouterLink("Start page", HomeView.class));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
