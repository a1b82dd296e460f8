package org.vaesim.host.experiment.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** The robustness report on hand-made results whose answers are worked out below. */
class RobustnessTest {
    /**
     * x in {1, 2, 3} crossed with a lever in {a, b}, seeds 1 and 2; cost per (x, lever): x=1: a 1, 2 and b 3, 4 (a
     * cheaper in both seeds); x=2: a 1, 5 and b 2, 3 (a cheaper in seed 1 only; means 3 against 2.5); x=3: a 6, 7 and
     * b 2, 2 (b cheaper).
     */
    private static Robustness.Inputs inputs() {
        double[][][] cost = {{{1, 2}, {3, 4}}, {{1, 5}, {2, 3}}, {{6, 7}, {2, 2}}};
        List<List<JsonNode>> points = new ArrayList<>();
        Map<Integer, Map<Long, Map<String, Double>>> runs = new HashMap<>();
        for (int x = 0; x < 3; x++) {
            for (int lever = 0; lever < 2; lever++) {
                int p = points.size();
                points.add(List.of(IntNode.valueOf(x + 1), TextNode.valueOf(lever == 0 ? "a" : "b")));
                for (int s = 0; s < 2; s++) {
                    runs.computeIfAbsent(p, k -> new HashMap<>()).put(s + 1L, Map.of("cost", cost[x][lever][s]));
                }
            }
        }
        return new Robustness.Inputs(List.of("x", "lever"), points, List.of(1L, 2L), runs);
    }

    private static Claim claim(String json) throws ConfigException {
        JsonNode node = ScenarioLoader.parseTree("[" + json + "]", "s.json");
        return Claim.readAll("s.json", node, List.of("x", "lever"), 0,
                Map.of("lever", List.of(TextNode.valueOf("a"), TextNode.valueOf("b")))).getFirst();
    }

    @Test
    void aLeverClaimIsTestedPerCellOnMeansAndPerSeed() throws ConfigException {
        List<String> csv = new ArrayList<>();
        ObjectNode r = Robustness.evaluate(claim("{\"name\": \"a-cheapest\", \"metric\": \"cost\", \"best\": "
                + "\"lowest\", \"across\": \"lever\", \"expect\": \"a\"}"), inputs(), csv);
        assertEquals(3, r.get("cells").asInt());
        assertEquals(1, r.get("cells_holding").asInt(), "only at x = 1 on the means");
        assertEquals(6, r.get("runs").asInt());
        assertEquals(3, r.get("runs_holding").asInt(), "both seeds at x = 1, seed 1 at x = 2");
        assertEquals(1, r.get("mixed_cells").asInt(), "x = 2");
        // Wilson's interval for 1 of 3: (1/3 + z^2/6) / (1 + z^2/3) -+ z / (1 + z^2/3) sqrt(2/27 + z^2/36)
        assertEquals(0.0615, r.get("share_ci95").get(0).asDouble(), 1e-4);
        assertEquals(0.7923, r.get("share_ci95").get(1).asDouble(), 1e-4);
        assertFalse(r.get("holds_everywhere").asBoolean());
        assertEquals(2, r.get("flips").size());
        assertEquals(2, r.get("flips").get(0).get("values").get("x").asInt());
        assertEquals("b", r.get("flips").get(0).get("best").asText(), "b wins where the claim flips");
        assertEquals(1, r.get("flips").get(0).get("seeds_holding").asInt());
        assertEquals("x", r.get("split").get("parameter").asText());
        assertEquals(1.5, r.get("split").get("threshold").asDouble());
        assertEquals("below", r.get("split").get("holds").asText());
        assertEquals(1.0, r.get("split").get("accuracy").asDouble());
        assertEquals(List.of("cell,x,seed,lever=a,lever=b,best,holds", "0,1,1,1,3,a,1", "0,1,2,2,4,a,1",
                "0,1,mean,1.5,3.5,a,1", "1,2,1,1,2,a,1", "1,2,2,5,3,b,0", "1,2,mean,3,2.5,b,0", "2,3,1,6,2,b,0",
                "2,3,2,7,2,b,0", "2,3,mean,6.5,2,b,0"), csv);
    }

    /** cost < 2.5 per point: holds at (1, a) and (3, b) on the means; 6 of 12 runs; mixed at (2, a) and (2, b). */
    @Test
    void aComparisonIsTestedPerPoint() throws ConfigException {
        ObjectNode r = Robustness.evaluate(claim("{\"name\": \"cheap\", \"left\": \"cost\", \"op\": \"<\","
                + " \"right\": 2.5}"), inputs(), new ArrayList<>());
        assertEquals(6, r.get("cells").asInt());
        assertEquals(2, r.get("cells_holding").asInt());
        assertEquals(12, r.get("runs").asInt());
        assertEquals(6, r.get("runs_holding").asInt());
        assertEquals(2, r.get("mixed_cells").asInt());
        assertEquals(4.0 / 6, r.get("split").get("accuracy").asDouble(), 1e-12, "x alone cannot separate them");
    }

    /** Without a complete run (every run failed) the report says so in JSON: nulls, not NaN. */
    @Test
    void noCompleteRunGivesNullsAndValidJson(@TempDir Path dir) throws Exception {
        Robustness.Inputs in = inputs();
        Claim claim = claim("{\"name\": \"cheap\", \"left\": \"cost\", \"op\": \"<\", \"right\": 2.5}");
        List<String> lines = Robustness.write(dir, List.of(claim), new Robustness.Inputs(in.parameters(),
                in.points(), in.seeds(), Map.of()));
        assertEquals(List.of("cheap: no cell has a complete run"), lines);
        JsonNode r = new ObjectMapper().readTree(Files.readString(dir.resolve("robustness.json"))).get("claims").get(0);
        assertEquals(0, r.get("cells").asInt());
        assertTrue(r.get("share").isNull() && r.get("share_ci95").get(0).isNull() && r.get("run_share").isNull());
    }

    /** A claim renamed or removed leaves no file behind that would report it. */
    @Test
    void removesTheFilesOfClaimsTheSweepNoLongerMakes(@TempDir Path dir) throws Exception {
        for (String f : List.of("robustness.json", "robustness-cheap.csv", "robustness-old.csv", "results.csv")) {
            Files.writeString(dir.resolve(f), "x");
        }
        Claim cheap = claim("{\"name\": \"cheap\", \"left\": \"cost\", \"op\": \"<\", \"right\": 2.5}");
        Robustness.removeStale(dir, List.of(cheap));
        assertTrue(Files.exists(dir.resolve("robustness-cheap.csv")) && Files.exists(dir.resolve("robustness.json")));
        assertFalse(Files.exists(dir.resolve("robustness-old.csv")));
        Robustness.removeStale(dir, List.of());
        assertFalse(Files.exists(dir.resolve("robustness-cheap.csv")) || Files.exists(dir.resolve("robustness.json")));
        assertTrue(Files.exists(dir.resolve("results.csv")));
    }

    @Test
    void aTieIsNoWin() throws ConfigException {
        Robustness.Inputs in = inputs();
        Map<Integer, Map<Long, Map<String, Double>>> runs = new HashMap<>(in.runs());
        runs.put(1, Map.of(1L, Map.of("cost", 1.0), 2L, Map.of("cost", 2.0))); // (1, b) ties (1, a)
        ObjectNode r = Robustness.evaluate(claim("{\"name\": \"a-cheapest\", \"metric\": \"cost\", \"best\": "
                + "\"lowest\", \"across\": \"lever\", \"expect\": \"a\"}"), new Robustness.Inputs(in.parameters(),
                in.points(), in.seeds(), runs), new ArrayList<>());
        assertEquals(0, r.get("cells_holding").asInt());
        assertEquals("tie", r.get("flips").get(0).get("best").asText());
    }
}
