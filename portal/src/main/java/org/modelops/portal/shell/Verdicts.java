package org.modelops.portal.shell;

import org.modelops.portal.governance.Verdict;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;

/** A policy verdict in plain language: passed or not, then each rule's own sentence. */
public final class Verdicts {

    private Verdicts() {
    }

    public static Div of(String heading, Verdict verdict) {
        var box = new Div();
        box.addClassName("verdict");
        if (verdict == null) {
            box.add(new H4(heading), new Span("Not evaluated yet."));
            return box;
        }
        var outcome = new Span(verdict.outcomeInWords());
        outcome.addClassName(verdict.passed() ? "verdict-passed" : "verdict-failed");
        var rules = new UnorderedList();
        for (var rule : verdict.rules()) {
            var mark = new Span(rule.passed() ? "✓ " : "✗ ");
            mark.addClassName(rule.passed() ? "verdict-passed" : "verdict-failed");
            mark.getElement().setAttribute("aria-label", rule.passed() ? "passed: " : "failed: ");
            rules.add(new ListItem(mark, new Span(rule.message())));
        }
        box.add(new H4(heading), outcome, rules);
        return box;
    }
}
