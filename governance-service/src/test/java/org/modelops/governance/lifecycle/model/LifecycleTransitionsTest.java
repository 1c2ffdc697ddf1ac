package org.modelops.governance.lifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.modelops.governance.registry.model.LifecycleState;
import org.w3c.dom.Element;

/**
 * The transition table in {@link LifecycleState} is the one vocabulary of the lifecycle: every path the BPMN file can
 * take from one state-setting step to the next must be a move the table allows.
 */
class LifecycleTransitionsTest {

    private static final Pattern ENTER = Pattern.compile("enterState\\(execution, '([A-Z_]+)'\\)");

    @Test
    void everyPathOfTheBpmnIsAMoveTheTableAllows() throws Exception {
        var graph = Bpmn.read(Path.of(System.getProperty("workflows.dir"), "model-version-lifecycle.bpmn20.xml"));
        var moves = new HashSet<String>();
        for (var node : graph.states.keySet()) {
            for (var next : graph.nextStates(node)) {
                moves.add(graph.states.get(node) + "->" + next);
                assertThat(graph.states.get(node).mayMoveTo(next))
                        .as("the BPMN moves from %s (%s) to %s", graph.states.get(node), node, next).isTrue();
            }
        }
        assertThat(moves).contains("PENDING_APPROVAL->VALIDATING", "ROLLING_OUT->VALIDATING",
                "ROLLING_OUT->CHAMPION", "CHALLENGING->REJECTED", "APPROVED->CHAMPION", "ROLLING_OUT->ROLLED_BACK");
    }

    @Test
    void aFinishedVersionCannotBeMovedOnByTheFlow() {
        assertThat(LifecycleState.REJECTED.next()).containsExactly(LifecycleState.RETIRED);
        assertThat(LifecycleState.RETIRED.next()).isEmpty();
        assertThat(LifecycleState.CHAMPION.next()).containsExactlyInAnyOrder(LifecycleState.SUPERSEDED,
                LifecycleState.ROLLED_BACK);
        assertThatThrownBy(() -> LifecycleState.ROLLED_BACK.moveTo(LifecycleState.CHAMPION))
                .hasMessage("a version cannot move from ROLLED_BACK to CHAMPION");
        assertThat(LifecycleState.SUPERSEDED.moveTo(LifecycleState.CHAMPION)).isEqualTo(LifecycleState.CHAMPION);
    }

    @Test
    void openAndFinishedStatesPartitionTheStatesAVersionReachesAfterSubmission() {
        var all = EnumSet.allOf(LifecycleState.class);
        all.remove(LifecycleState.REGISTERED);
        var union = new HashSet<LifecycleState>(LifecycleState.OPEN);
        union.addAll(LifecycleState.FINISHED);
        assertThat(union).isEqualTo(all);
        assertThat(LifecycleState.OPEN).doesNotContainAnyElementsOf(LifecycleState.FINISHED);
    }

    /** The BPMN as a graph: nodes, flows (boundary events flow from the activity they are attached to). */
    private record Bpmn(Map<String, List<String>> next, Map<String, LifecycleState> states) {

        static Bpmn read(Path file) throws Exception {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            var document = factory.newDocumentBuilder().parse(Files.newInputStream(file));
            var next = new HashMap<String, List<String>>();
            var states = new HashMap<String, LifecycleState>();
            var all = document.getElementsByTagNameNS("*", "*");
            var subprocessStarts = new HashMap<String, String>();
            for (int i = 0; i < all.getLength(); i++) {
                var element = (Element) all.item(i);
                var id = element.getAttribute("id");
                switch (element.getLocalName()) {
                    case "sequenceFlow" -> add(next, element.getAttribute("sourceRef"),
                            element.getAttribute("targetRef"));
                    case "boundaryEvent" -> add(next, element.getAttribute("attachedToRef"), id);
                    case "subProcess" -> subprocessStarts.put(id, null);
                    case "serviceTask" -> {
                        var expression = element.getAttributeNS("http://flowable.org/bpmn", "expression");
                        var matcher = ENTER.matcher(expression);
                        if (matcher.find()) {
                            states.put(id, LifecycleState.valueOf(matcher.group(1)));
                        } else if (expression.contains("lifecycle.reject(")) {
                            states.put(id, LifecycleState.REJECTED);
                        } else if (expression.contains("serving.stopRollout(")) {
                            states.put(id, LifecycleState.ROLLED_BACK);
                        } else if (expression.contains("lifecycle.promote(")) {
                            states.put(id + "#promoted", LifecycleState.CHAMPION);
                        }
                    }
                    default -> {
                    }
                }
                if ("startEvent".equals(element.getLocalName()) && element.getParentNode() instanceof Element parent
                        && "subProcess".equals(parent.getLocalName())) {
                    subprocessStarts.put(parent.getAttribute("id"), id);
                }
            }
            // entering a subprocess runs its start event; the promotion step sets CHAMPION on its promoted branch
            subprocessStarts.forEach((subprocess, start) -> add(next, subprocess, start));
            states.keySet().stream().filter(key -> key.endsWith("#promoted")).toList().forEach(key -> {
                var promote = key.substring(0, key.indexOf('#'));
                add(next, promote, key);
            });
            return new Bpmn(next, states);
        }

        private static void add(Map<String, List<String>> next, String from, String to) {
            next.computeIfAbsent(from, key -> new java.util.ArrayList<>()).add(to);
        }

        /** The states the flow can set next after the step {@code from}, following every path. */
        Set<LifecycleState> nextStates(String from) {
            var found = EnumSet.noneOf(LifecycleState.class);
            var seen = new HashSet<String>();
            var queue = new ArrayDeque<>(next.getOrDefault(from, List.of()));
            while (!queue.isEmpty()) {
                var node = queue.poll();
                if (!seen.add(node)) {
                    continue;
                }
                if (states.containsKey(node)) {
                    found.add(states.get(node));
                    continue;
                }
                queue.addAll(next.getOrDefault(node, List.of()));
            }
            return found;
        }
    }
}
