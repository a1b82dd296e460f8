package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.host.facts.Crash;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * configs/flash-crash-2010.json: the depth of the crash, measured from the pre-crash level, comes from the HFTs'
 * hot potato and the sell algorithm's volume feedback, not from the value investors' band alone: it is at least 5%
 * with the shipped 1,000 HFTs, smaller with 250, and there is no crash without HFTs (docs/experiments/flash-crash.md).
 */
class FlashCrash2010ScenarioTest {
    private static final int EPOCHS = 260;

    private static Crash crash(ObjectNode tree) {
        Scenario s = Fixtures.scenario(tree).withEpochs(EPOCHS);
        int[] epochs = new int[EPOCHS];
        double[] price = new double[EPOCHS];
        double[] volume = new double[EPOCHS];
        try (Engine engine = Engine.start(s, 2)) {
            while (!engine.finished()) {
                engine.step();
                epochs[engine.epoch() - 1] = engine.epoch();
                price[engine.epoch() - 1] = engine.markets().lastTick[0] / 100.0;
                volume[engine.epoch() - 1] = engine.markets().lastVolume[0];
            }
        }
        return Crash.of("asset", epochs, price, volume, 100, 20.0);
    }

    private static ObjectNode withHfts(int count) {
        ObjectNode tree = Fixtures.tree("flash-crash-2010.json");
        for (var cohort : tree.withArray("population")) {
            if (cohort.path("name").asText().equals("hft")) {
                ((ObjectNode) cohort).put("count", count);
            }
        }
        return tree;
    }

    @Test
    void theHftsSetTheDepthOfTheCrash() {
        double shipped = crash(Fixtures.tree("flash-crash-2010.json")).depth();
        assertTrue(shipped >= 0.05, "a fall of at least 5% from the pre-crash level: " + shipped);
        double few = crash(withHfts(250)).depth();
        assertTrue(few < shipped - 0.02, "250 HFTs carry less of the hot potato: " + few + " vs " + shipped);
        double none = crash(Fixtures.tree("flash-crash-2010-no-hft.json")).depth();
        assertTrue(none < 0.01, "no crash without HFTs: " + none);
    }
}
