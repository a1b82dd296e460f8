package org.vaesim.host.stage;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers for the summary sections that stages and the run write alike. */
public final class JsonFields {
    private JsonFields() {
    }

    /** {@code name}: num / den, left out when den is 0. */
    public static void putRatio(ObjectNode n, String name, long num, long den) {
        if (den > 0) {
            n.put(name, (double) num / den);
        }
    }
}
