package org.vaesim.host.experiment.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.ScenarioLoader;

class RangeTest {
    private static Range range(String json) throws ConfigException {
        return Range.read("s.json", "$.sample.ranges[\"x\"]", "x", ScenarioLoader.parseTree(json, "s.json"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "{\"min\": 2, \"max\": 4}; 0.5; 3",
        "{\"min\": 2, \"max\": 4}; 0; 2",
        "{\"min\": 0, \"max\": 1}; 0.123456789; 0.123457",
        "{\"min\": 1, \"max\": 100, \"log\": true}; 0.5; 10",
        "{\"min\": 1, \"max\": 4, \"integer\": true}; 0; 1",
        "{\"min\": 1, \"max\": 4, \"integer\": true}; 0.2499; 1",
        "{\"min\": 1, \"max\": 4, \"integer\": true}; 0.25; 2",
        "{\"min\": 1, \"max\": 4, \"integer\": true}; 0.9999; 4",
        // log integer: [1, 100) in log space, u = 0.5 is 10
        "{\"min\": 1, \"max\": 99, \"integer\": true, \"log\": true}; 0.5; 10",
        "{\"min\": 100000, \"max\": 300000}; 0.5; 200000",
        // on a tick grid of 0.01: 5.5 + 0.123 * 3.5 = 5.9305 rounds to 5.93; near max, the last multiple inside
        "{\"min\": 5.5, \"max\": 9, \"step\": 0.01}; 0.123; 5.93",
        "{\"min\": 5.5, \"max\": 9.004, \"step\": 0.01}; 0.99999; 9",
        "{\"min\": 5.503, \"max\": 9, \"step\": 0.01}; 0; 5.51",
    })
    void mapsAUnitCoordinateToItsValue(String json, double u, String expected) throws ConfigException {
        assertEquals(0, new BigDecimal(expected).compareTo(range(json).value(u).decimalValue()),
                json + " at " + u + ": " + range(json).value(u));
    }

    @Test
    void valuesStayInsideTheRange() throws ConfigException {
        Range r = range("{\"min\": 0.1234567, \"max\": 0.1234569}");
        for (double u : new double[] {0, 0.3, 0.999999999}) {
            BigDecimal v = r.value(u).decimalValue();
            assertTrue(v.compareTo(r.min()) >= 0 && v.compareTo(r.max()) <= 0, v.toString());
        }
    }

    /** Each LHS stratum of an integer range of n values is one value: n points take every value once. */
    @Test
    void aLatinHypercubeOverAnIntegerRangeOfNValuesTakesEachOnce() throws ConfigException {
        Range r = range("{\"min\": 10, \"max\": 29, \"integer\": true}");
        double[][] u = LatinHypercube.points(20, 1, 5);
        boolean[] seen = new boolean[20];
        for (double[] p : u) {
            seen[r.value(p[0]).intValue() - 10] = true;
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "{\"min\": 5, \"max\": 5}; $.sample.ranges[\"x\"].max; must be greater than min (5)",
        "{\"min\": 5, \"max\": 1}; $.sample.ranges[\"x\"].max; must be greater than min",
        "{\"min\": 0, \"max\": 1, \"log\": true}; $.sample.ranges[\"x\"].min; must be greater than 0 on a log scale",
        "{\"min\": 0.5, \"max\": 3, \"integer\": true}; $.sample.ranges[\"x\"].min; must be a whole number",
        "{\"min\": \"1\", \"max\": 3}; $.sample.ranges[\"x\"].min; must be a number",
        "{\"max\": 3}; $.sample.ranges[\"x\"].min; must be a number",
        "{\"min\": 1, \"max\": 1e16}; $.sample.ranges[\"x\"].max; must be a number from -1e15 to 1e15",
        "{\"min\": 1, \"max\": 3, \"log\": 1}; $.sample.ranges[\"x\"].log; must be true or false",
        "{\"min\": 1, \"max\": 3, \"stride\": 1}; $.sample.ranges[\"x\"].stride; unknown field",
        "[1, 3]; $.sample.ranges[\"x\"]; must be an object",
        "{\"min\": 1, \"max\": 3, \"step\": 0}; $.sample.ranges[\"x\"].step; must be a number above 0",
        "{\"min\": 1, \"max\": 3, \"step\": 5}; $.sample.ranges[\"x\"].step; at most max - min (2)",
        "{\"min\": 1, \"max\": 3, \"integer\": true, \"step\": 1}; $.sample.ranges[\"x\"].step; continuous",
    })
    void refusesBadRangesNamingThePathAndWhatIsAllowed(String json, String path, String allowed) {
        ConfigException e = assertThrows(ConfigException.class, () -> range(json));
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
    }
}
