package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The self-trading rule (docs/safety.md#linking-principals-from-behaviour) and the attacker that watches it
 * (docs/safety.md#attackers-that-watch-the-detector), on an economy whose every fill is known in advance. Principal
 * w runs 20 manipulators of 1 unit (agents 0 to 19: the even ones bid, the odd ones ask), each priced 1 to 28 ticks
 * through the last price, drawn per order, so that its orders spread over seven aggression bins as dispersed
 * valuations would. Then one manipulator bids 8 units 30 ticks through (agent 20, even) and one asks 8 (agent 21),
 * of principals b and s, or both of principal bs. Every bid lies above every ask, and bids and asks are 18 units
 * each, so at any clearing price all 18 units fill: the market's volume is 18 an epoch, w buys and sells 10 of them
 * (10 traded with itself: 10 / 18 = 0.556), b buys 8 and s sells 8 (0 each; bs as one: 8 / 18 = 0.444). When w
 * pauses, the volume is b's 8 units.
 */
class SelfTradingTest {
    private static String economy(String pair, String watch, String linking, int epochs) {
        String pairs = pair.equals("bs") ? "\"bs\", \"bs\"" : "\"b\", \"s\"";
        String[] p = pairs.split(", ");
        return """
            { "name": "self-trading", "seed": 5, "epochs": %d,
              "markets": [ { "name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 2000,
                             "initial_price": 10.00, "fee_bps": 0 } ],
              "population": [
                { "name": "wash", "strategy": "manipulator", "market": "m", "count": 20, "cash": 100000,
                  "inventory": 5000, "principal": "w",
                  "params": { "qty": 1, "wash_ticks": 28, "wash_ticks_min": 1, "activity": 1.0 %s } },
                { "name": "buy", "strategy": "manipulator", "market": "m", "count": 1, "cash": 100000,
                  "inventory": 5000, "principal": %s, "params": { "qty": 8, "wash_ticks": 30, "activity": 1.0 } },
                { "name": "sell", "strategy": "manipulator", "market": "m", "count": 1, "cash": 100000,
                  "inventory": 5000, "principal": %s, "params": { "qty": 8, "wash_ticks": 30, "activity": 1.0 } } ]
              %s }
            """.formatted(epochs, watch == null ? "" : ", \"watch\": " + watch, p[0], p[1],
                linking == null ? "" : ", \"stages\": { \"linking\": " + linking + " }");
    }

    /** The self-trading rule over 3 epochs, linking and the wash rule out of the way. */
    private static String rule(double share, boolean enforce) {
        return "{ \"min_orders\": 1000, \"self_trade_share\": " + share + ", \"self_trade_epochs\": 3,"
                + " \"enforce\": " + enforce + " }";
    }

    private static int principal(Engine e, String name) {
        return e.scenario().principals().indexOf(name);
    }

    /**
     * Judged from epoch 2, the first with a whole window (epochs 0-2): w traded 30 of the 54 units with itself, 0.556
     * at or above 0.5, so it is flagged at epoch 2; b and s never traded with themselves. With b and s one principal,
     * bs traded 24 of 54 (0.444): spared at 0.5, flagged at epoch 2 at 0.4. The wash rule's concentration condition,
     * which the spread prices evade, is not needed.
     */
    @Test
    void theRuleFlagsExactlyThePrincipalsThatTradeWithThemselvesWhateverTheirPrices() {
        try (Engine e = LinkingTest.run(economy("b", null, rule(0.5, false), 8))) {
            LinkingStage l = e.stage(LinkingStage.class);
            assertEquals(2, l.flaggedEpoch(principal(e, "w")));
            assertEquals(-1, l.flaggedEpoch(principal(e, "b")));
            assertEquals(-1, l.flaggedEpoch(principal(e, "s")));
        }
        try (Engine e = LinkingTest.run(economy("bs", null, rule(0.5, false), 8))) {
            LinkingStage l = e.stage(LinkingStage.class);
            assertEquals(2, l.flaggedEpoch(principal(e, "w")));
            assertEquals(-1, l.flaggedEpoch(principal(e, "bs")), "24 / 54 = 0.444 is below 0.5");
        }
        try (Engine e = LinkingTest.run(economy("bs", null, rule(0.4, false), 8))) {
            assertEquals(2, e.stage(LinkingStage.class).flaggedEpoch(principal(e, "bs")), "0.444 reaches 0.4");
        }
        String concentration = "{ \"min_orders\": 10, \"wash_epochs\": 3, \"wash_concentration\": 0.6,"
                + " \"enforce\": false }";
        try (Engine e = LinkingTest.run(economy("b", null, concentration, 8))) {
            assertEquals(-1, e.stage(LinkingStage.class).flaggedEpoch(principal(e, "w")),
                    "seven bins: the concentration rule does not see it");
        }
    }

    /**
     * Enforcing, w is stopped at epoch 2 and killed from epoch 3. From then on bs is the whole market and trades 8 of
     * 8 units with itself: its window (epochs 1-3) holds 8 x 3 = 24 of 18 + 18 + 8 = 44 units, 0.545, and it is
     * stopped at epoch 3: a principal that is all of a market is a self-trader by this rule, honest or not.
     */
    @Test
    void theRuleStopsTheWasherAndThenAPrincipalThatIsTheWholeMarket() {
        try (Engine e = LinkingTest.run(economy("bs", null, rule(0.5, true), 8))) {
            LinkingStage l = e.stage(LinkingStage.class);
            assertEquals(2, l.stoppedEpoch(principal(e, "w")));
            assertEquals(20, LinkingTest.count(e, "wash", Population.KILLED));
            assertEquals(3, l.stoppedEpoch(principal(e, "bs")));
        }
        try (Engine e = LinkingTest.run(economy("b", null, rule(0.5, true), 8))) {
            LinkingStage l = e.stage(LinkingStage.class);
            assertEquals(-1, l.flaggedEpoch(principal(e, "b")), "one-sided: nothing traded with itself");
            assertEquals(1, LinkingTest.count(e, "buy", 0));
        }
    }

    /**
     * The attacker watches its own share over 3 epochs and pauses while it is at or above 0.45. Active: 10 of 18;
     * paused: 0 of 8. After epoch 0: 10 / 18 = 0.556, it pauses at epoch 1; after 1: 10 / 26 = 0.385, it resumes;
     * after 2: 20 / 44 = 0.455, pause at 3; after 3 (epochs 1-3): 10 / 34, resume; and so on: it pauses at every odd
     * epoch. The detector's windows then hold at most 20 / 44 = 0.455 of the volume, below its 0.5: never flagged,
     * at the price of half its wash volume (60 units in 12 epochs instead of 120).
     */
    @Test
    void anAttackerThatWatchesItsShareBacksOffAtTheEpochsTheArithmeticGivesAndEscapes() {
        String json = economy("b", "{ \"share\": 0.45, \"epochs\": 3, \"activity\": 0 }", rule(0.5, true), 12);
        try (Engine e = Engine.start(Fixtures.scenario(json), 2)) {
            List<Integer> paused = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                e.step();
                if (ordersOf(e, "wash") == 0) {
                    paused.add(t);
                }
            }
            assertEquals(List.of(1, 3, 5, 7, 9, 11), paused);
            LinkingStage l = e.stage(LinkingStage.class);
            assertEquals(-1, l.flaggedEpoch(principal(e, "w")));
            assertEquals(20, LinkingTest.count(e, "wash", 0));
        }
        try (Engine without = LinkingTest.run(economy("b", null, rule(0.5, true), 12))) {
            assertEquals(2, without.stage(LinkingStage.class).stoppedEpoch(principal(without, "w")),
                    "without the watch the same attacker is stopped");
        }
    }

    /**
     * An attacker whose line is the detector's own (0.5) reacts an epoch late: it pauses at epoch 1 (0.556), washes at
     * 2, 3 and 4 (after 2: 20 / 44; after 3: 20 / 44; both below 0.5), and the window of epochs 2-4 holds 30 / 54 =
     * 0.556: the detector stops it at epoch 4.
     */
    @Test
    void anAttackerWhoseLineIsTheDetectorsIsCaughtAnEpochLate() {
        String json = economy("b", "{ \"share\": 0.5, \"epochs\": 3, \"activity\": 0 }", rule(0.5, true), 12);
        try (Engine e = LinkingTest.run(json)) {
            assertEquals(4, e.stage(LinkingStage.class).stoppedEpoch(principal(e, "w")));
        }
    }

    /** Orders the cohort's agents sent in the epoch just run (bid and ask slots with a quantity). */
    private static int ordersOf(Engine e, String cohort) {
        int n = 0;
        for (Segment s : e.layout().segments()) {
            if (s.cohort().name().equals(cohort)) {
                for (int i = s.start(); i < s.end(); i++) {
                    n += (e.population().bidQty[i] > 0 ? 1 : 0) + (e.population().askQty[i] > 0 ? 1 : 0);
                }
            }
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"opencl", "cuda"})
    void theDevicesJudgeAndAdaptExactlyAsJava(String device) {
        LinkingTest.assertDeviceRunsAsJava(device, economy("bs",
                "{ \"share\": 0.45, \"epochs\": 3, \"activity\": 0.5, \"qty\": 1 }", rule(0.4, true), 12));
    }

    /**
     * Killed after its epoch-8 checkpoint and resumed, a run with the rule and an adaptive attacker ends on the
     * uninterrupted run's checksum and summary: the windows and the attacker's back-off state were in the section.
     */
    @Test
    void aResumedRunKeepsTheWindowsAndTheAttackersState(@TempDir Path tmp) throws Exception {
        JsonNode[] summaries = LinkingTest.wholeAndResumed(tmp,
                economy("b", "{ \"share\": 0.45, \"epochs\": 3, \"activity\": 0 }", rule(0.5, false), 12));
        JsonNode a = summaries[0];
        JsonNode b = summaries[1];
        assertEquals(6, b.path("adaptive_attackers").path(0).path("epochs_backed_off").asInt());
        assertEquals(1, b.path("adaptive_attackers").path(0).path("first_back_off").asInt());
        assertEquals(60, b.path("linking").path("evaluation").path("attacker_self_traded").asLong(),
                "w's 10 units at the six epochs it washed (b and s, manipulators too, never trade with themselves)");
        assertEquals(a.path("adaptive_attackers"), b.path("adaptive_attackers"));
        assertEquals(a.path("linking"), b.path("linking"));
    }

    /** Without the linking stage the attacker still watches its own share and backs off; nothing judges it. */
    @Test
    void anAttackerWatchesItsOwnShareWithoutTheDetector() {
        try (Engine e = Engine.start(Fixtures.scenario(economy("b", "{ \"share\": 0.45, \"epochs\": 3 }", null, 4)),
                2)) {
            List<Integer> orders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                e.step();
                orders.add(ordersOf(e, "wash"));
            }
            assertEquals(List.of(20, 0, 20, 0), orders);
        }
    }

    @Test
    void badRuleAndWatchFieldsNameTheFilePathValueAndWhatIsAllowed() {
        Map<String, List<String>> cases = Map.of(
                economy("b", null, "{ \"self_trade_share\": 1.5 }", 4),
                List.of("f.json", "stages.linking.self_trade_share", "1.5", "[0, 1]"),
                economy("b", null, "{ \"self_trade_epochs\": 0 }", 4),
                List.of("stages.linking.self_trade_epochs", "0"),
                economy("b", "{ \"share\": 0 }", null, 4),
                List.of("f.json", "population[0].params.watch.share", "0"),
                economy("b", "{ \"activity\": 2 }", null, 4),
                List.of("population[0].params.watch.activity", "2", "[0, 1]"),
                economy("b", "{ \"qty\": 2 }", null, 4),
                List.of("population[0].params.watch.qty", "2", "from 1 to 1"),
                economy("b", "{ \"line\": 0.3 }", null, 4),
                List.of("population[0].params.watch", "line"),
                economy("b", "0.3", null, 4),
                List.of("population[0].params.watch", "0.3", "object"));
        LinkingTest.assertErrorsName(cases);
    }
}
