package org.vaesim.kernels.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.decide.DecideSegment;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;
import org.vaesim.models.strategy.StrategyFamily;

/** The example family as a scenario uses it: read from JSON with clear errors, and its orders by hand. */
class ContrarianTest {
    private static Scenario scenario(String params) throws ConfigException {
        return ScenarioLoader.parse("""
                {"name": "contrarians", "seed": 1, "epochs": 5,
                 "markets": [{"name": "m", "resource": "asset", "tick_size": 0.01, "ticks": 1000,
                              "initial_price": 2.00}],
                 "population": [
                   {"name": "fundamentals", "strategy": "fundamentalist", "market": "m", "count": 3},
                   {"name": "against", "strategy": "contrarian", "market": "m", "count": 4, "params": %s}]}
                """.formatted(params), "contrarians.json");
    }

    @Test
    void aScenarioNamesTheFamilyAndItsAgentsSitAfterTheBuiltInOnes() throws ConfigException {
        Scenario s = scenario("{\"qty\": 4}");
        assertEquals(ContrarianFamily.FAMILY, s.cohorts().get(1).family());
        assertEquals(StrategyFamily.values().length - 1, ContrarianFamily.FAMILY.code(), "a plugin comes last");
        assertEquals(new ContrarianParams(5, 1, 4, 1.0, 100), s.cohorts().get(1).params(), "defaults filled in");
        Segment against = new Layout(s).segments().get(1);
        assertEquals(3, against.start());
        assertEquals(100, against.maxPosition(), "the gate holds it to its own max_position");
    }

    @Test
    void badParamsNameTheFilePathValueAndWhatIsAllowed() {
        ConfigException missing = assertThrows(ConfigException.class, () -> scenario("{\"offset_ticks\": 2}"));
        assertTrue(missing.getMessage().contains("contrarians.json") && missing.getMessage().contains(
                "$.population[1].params.qty"), missing.getMessage());
        ConfigException wide = assertThrows(ConfigException.class,
                () -> scenario("{\"qty\": 1, \"offset_ticks\": 600}"));
        assertTrue(wide.getMessage().contains("$.population[1].params.offset_ticks")
                && wide.getMessage().contains("600") && wide.getMessage().contains("at most half"), wide.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> scenario("{\"qty\": 1, \"lots\": 2}"));
        assertTrue(unknown.getMessage().contains("lots") && unknown.getMessage().contains("offset_ticks"),
                unknown.getMessage());
    }

    /** After a rise of 5 ticks (threshold 3) each sells 4 two ticks under the last price, within its limit of 10. */
    @Test
    void sellsIntoARiseAndBuysIntoAFallWithinItsPosition() throws ConfigException {
        Scenario s = scenario("{\"threshold_ticks\": 3, \"offset_ticks\": 2, \"qty\": 4, \"max_position\": 10}");
        Layout layout = new Layout(s);
        Segment against = layout.segments().get(1);
        Population p = layout.initialPopulation(s.seed());
        int[] inventory = {0, -8, -10, 9};
        System.arraycopy(inventory, 0, p.inventory, against.start(), 4);
        EpochInputs in = new EpochInputs(1, 2);
        in.lastTick[0] = 200;
        in.previousTick[0] = 195;
        DecideSegment.decide(against, s.markets().get(0), against.start(), against.end(), in, p, 1, 2,
                Philox.agentWordScratch());
        assertArrayEquals(new int[] {4, 2, 0, 4}, slice(p.askQty, against), "room to the short limit of -10");
        assertArrayEquals(new int[] {198, 198, 0, 198}, slice(p.askTick, against));
        assertArrayEquals(new int[4], slice(p.bidQty, against));
        in.previousTick[0] = 204; // a fall of 4
        DecideSegment.decide(against, s.markets().get(0), against.start(), against.end(), in, p, 1, 2,
                Philox.agentWordScratch());
        assertArrayEquals(new int[] {4, 4, 4, 1}, slice(p.bidQty, against), "room to the long limit of 10");
        assertArrayEquals(new int[] {202, 202, 202, 202}, slice(p.bidTick, against));
        in.previousTick[0] = 197; // a rise of 3: not more than the threshold
        DecideSegment.decide(against, s.markets().get(0), against.start(), against.end(), in, p, 1, 2,
                Philox.agentWordScratch());
        assertArrayEquals(new int[4], slice(p.bidQty, against));
        assertArrayEquals(new int[4], slice(p.askQty, against));
    }

    private static int[] slice(int[] column, Segment s) {
        return java.util.Arrays.copyOfRange(column, s.start(), s.end());
    }
}
