package org.vaesim.host.experiment;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A place in a scenario file a sweep varies: dotted object fields with array selectors, by index or by the
 * element's {@code name}: {@code safety.circuit_breaker.band_percent}, {@code markets[0].fee_bps},
 * {@code population[hft].params.max_inventory}. Every step but the last must exist in the scenario; the last
 * is set (so an optional field can be swept from its default).
 */
record ParameterPath(String text, List<Step> steps) {

    /** One step: an object field, optionally followed by an array selector. */
    record Step(String field, String selector) {
    }

    static ParameterPath parse(String text) {
        List<Step> steps = new ArrayList<>();
        for (String part : text.split("\\.", -1)) {
            if (!part.matches("[A-Za-z0-9_-]+(\\[[A-Za-z0-9._-]+\\])?")) {
                throw new IllegalArgumentException("parameter path \"" + text + "\": \"" + part
                        + "\" is not a field name, optionally followed by [index] or [name]");
            }
            int bracket = part.indexOf('[');
            steps.add(bracket < 0 ? new Step(part, null)
                    : new Step(part.substring(0, bracket), part.substring(bracket + 1, part.length() - 1)));
        }
        return new ParameterPath(text, List.copyOf(steps));
    }

    /** Sets this path to {@code value} in {@code scenario} (a copy the caller owns). */
    void set(ObjectNode scenario, JsonNode value) {
        ObjectNode node = scenario;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (last && step.selector() == null) {
                node.set(step.field(), value);
                return;
            }
            JsonNode child = node.get(step.field());
            if (child == null) {
                throw missing(step.field());
            }
            if (step.selector() != null) {
                if (!(child instanceof ArrayNode array)) {
                    throw new IllegalArgumentException("parameter path \"" + text + "\": " + step.field()
                            + " is not an array");
                }
                int index = select(array, step.selector());
                if (last) {
                    array.set(index, value);
                    return;
                }
                child = array.get(index);
            }
            if (!(child instanceof ObjectNode object)) {
                throw new IllegalArgumentException("parameter path \"" + text + "\": " + step.field()
                        + " is not an object");
            }
            node = object;
        }
    }

    private int select(ArrayNode array, String selector) {
        if (selector.matches("\\d+")) {
            int index = Integer.parseInt(selector);
            if (index < array.size()) {
                return index;
            }
            throw missing("[" + selector + "] (the array has " + array.size() + " elements)");
        }
        for (int i = 0; i < array.size(); i++) {
            if (selector.equals(array.get(i).path("name").asText(null))) {
                return i;
            }
        }
        throw missing("[" + selector + "] (no element has that name)");
    }

    private IllegalArgumentException missing(String what) {
        return new IllegalArgumentException("parameter path \"" + text + "\" does not exist in the scenario: "
                + what + " is missing");
    }
}
