package org.vaesim.host.run;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * How {@code vaesim resume} tells an edited scenario.json from a reformatted one: by the values the scenario reader
 * sees, decimals exact, so that no edit the run would feel passes as a reformatting.
 */
class ResumeChecksTest {
    private static final String WAS = """
            {"name": "x", "markets": [{"name": "m", "initial_price": 10.00}],
             "events": [{"epoch": 15, "type": "inject_cash", "cohort": "b", "amount": 17179869184.000000}]}""";

    private static ResumeChecks.Difference difference(String now) {
        return ResumeChecks.difference(WAS.getBytes(UTF_8), now.getBytes(UTF_8));
    }

    /**
     * Before: read as doubles, 17179869184.000000 and 17179869184.000001 were one value, so resume said "reformatted;
     * its content is the same" and ran on with an injection a micro-credit larger per agent.
     */
    @Test
    void anEditBelowADoublesPrecisionIsADifference() {
        ResumeChecks.Difference d = difference(WAS.replace("184.000000", "184.000001"));
        assertNotNull(d, "an amount one micro-credit larger is an edit");
        assertEquals("$.events[0].amount", d.path());
        assertEquals("17179869184.000001", d.now());
        assertEquals("17179869184.000000", d.was());
    }

    @Test
    void reformattingIsNoDifference() {
        assertNull(difference("""
                {
                  "name" : "x",
                  "markets" : [ { "initial_price" : 10.0, "name" : "m" } ],
                  "events" : [ { "epoch" : 15, "type" : "inject_cash", "cohort" : "b", "amount" : 17179869184 } ]
                }"""));
    }

    @Test
    void anElementAddedOrAFieldRemovedIsADifference() {
        assertEquals("$.markets", difference(WAS.replace("}],", "}, {\"name\": \"n\"}],")).path());
        assertEquals("$.markets[0].initial_price", difference(WAS.replace(", \"initial_price\": 10.00", "")).path());
    }
}
