package org.vaesim.host.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.Require;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.io.StateDigest;
import org.vaesim.host.stage.Section;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.host.stage.Stages;
import org.vaesim.kernels.Backends;
import org.vaesim.models.scenario.Scenario;

/**
 * Kinetic exchange and negotiation as the epoch's first stages: they run where they ran at the end of the backends'
 * epoch, keep no state, and a checkpoint written before they were stages (its order and sections without them)
 * resumes to the state of the uninterrupted run.
 */
class ExchangeStagesTest {
    /**
     * The epoch order a checkpoint of vaesim before kinetic exchange and negotiation were stages records (main at
     * a250186): what such a checkpoint's header holds.
     */
    static final List<String> BEFORE = List.of("gateway", "auctions", "missions", "wealth_tax", "coordination",
            "linking", "relationships", "capability", "entrenchment");

    /**
     * A yard sale with a tax and negotiation, both bidding for compute whose capability raises their power: the
     * power column that capability sets after the exchange stages are built, read by them every epoch.
     */
    static final String ECONOMY = """
        { "name": "exchange", "seed": 11, "epochs": 30,
          "markets": [ { "name": "a", "resource": "compute", "tick_size": 0.01, "ticks": 400, "initial_price": 2.00,
                         "fee_bps": 25 } ],
          "population": [
            { "name": "zc", "strategy": "zi-c", "market": "a", "count": 200, "cash": 50,
              "params": { "side": "buy", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 3 } },
            { "name": "f", "strategy": "fundamentalist", "market": "a", "count": 200, "cash": 40, "inventory": 5,
              "params": { "dispersion_ticks": 30, "threshold_ticks": 3, "reaction": 0.3, "max_qty": 7,
                          "activity": 0.4 } },
            { "name": "k", "strategy": "kinetic", "market": "a", "count": 301, "cash": 20,
              "params": { "model": "yard_sale", "beta": 0.2, "tax": 0.03 } },
            { "name": "n", "strategy": "negotiation", "market": "a", "count": 200, "cash": 5,
              "params": { "value_min": 1.00, "value_max": 3.00, "tiers": 3, "spread": 0.5 } } ],
          "resource_auctions": [ { "name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 200,
            "supply": 40, "mechanism": { "type": "uniform_price" },
            "bidders": [ { "cohort": "k", "value_min": 0.10, "value_max": 1.00, "max_units": 2, "decay": 0.7 },
                         { "cohort": "n", "value_min": 0.10, "value_max": 1.00, "max_units": 2, "decay": 0.7 } ] } ],
          "stages": { "capability": { "cohorts": ["k", "n"], "feedback": 1.0, "half_stock": 5, "compute_weight": 1,
                                      "depreciation": 0.05 } } }
        """;

    @Test
    void theyRunFirstInTheEpochAndAreTheOnlyStagesOlderCheckpointsMayLack() {
        List<String> names = Stages.epochNames();
        assertEquals(List.of("kinetic", "negotiation"), names.subList(0, 2), names.toString());
        List<String> implicit = new ArrayList<>();
        for (StageKind k : Stages.epochOrder()) {
            if (k.implicitInOlderCheckpoints()) {
                implicit.add(k.name());
            }
        }
        // and routing, registered later, whose section is empty in every scenario a vaesim without it could run
        assertEquals(List.of("kinetic", "negotiation", "routing"), implicit);
        List<String> others = new ArrayList<>(names);
        others.removeAll(implicit);
        others.remove("lottery"); // the test sources' example
        assertEquals(BEFORE, others, "the order of the other stages is the one checkpoints before them recorded");
    }

    /**
     * Resumed on each backend from a java checkpoint written as before the stages existed: no kinetic or
     * negotiation section, the old order; the run ends on the uninterrupted run's state checksum.
     */
    @ParameterizedTest
    @ValueSource(strings = {Backends.JAVA, Backends.OPENCL, Backends.CUDA})
    void aCheckpointWrittenBeforeTheyWereStagesResumesToTheSameState(String backend) throws IOException {
        Require.backend(backend);
        Scenario s = Fixtures.scenario(ECONOMY);
        String uninterrupted;
        try (Engine whole = Engine.start(s, backend, 2)) {
            while (!whole.finished()) {
                whole.step();
            }
            whole.verifyConservation();
            uninterrupted = StateDigest.of(whole);
        }
        try (Engine first = Engine.start(s, Backends.JAVA, 2)) {
            for (int e = 0; e < 13; e++) {
                first.step();
            }
            Map<String, Section> sections = new HashMap<>();
            for (Section x : Stages.sections(first.stages())) {
                sections.put(x.name(), x);
            }
            assertEquals(0, sections.remove("kinetic").bytes().length);
            assertEquals(0, sections.remove("negotiation").bytes().length);
            try (Engine rest = Engine.restore(s, backend, 2, first.population(), first.markets(), first.accounting(),
                    first.safety(), olderOrder(), sections, first.epoch())) {
                while (!rest.finished()) {
                    rest.step();
                }
                rest.verifyConservation();
                assertEquals(uninterrupted, StateDigest.of(rest));
            }
        }
    }

    /** This build's order without the two stages (and with the example's, when the test sources register it). */
    private static List<String> olderOrder() {
        List<String> order = new ArrayList<>(Stages.epochNames());
        order.removeAll(List.of("kinetic", "negotiation"));
        return order;
    }

    @Test
    void aCheckpointThatListsThemNeedsTheirSectionsAndTheirPlace() throws IOException {
        try (Engine e = Engine.start(Fixtures.scenario(ECONOMY), 1)) {
            e.step();
            StageSetup setup = new StageSetup(e.scenario(), e.layout(), e.backend());
            Map<String, Section> sections = new HashMap<>();
            for (Section x : Stages.sections(e.stages())) {
                sections.put(x.name(), x);
            }
            assertEquals(Stages.epochNames().size(), Stages.create(setup, Stages.epochNames(), sections).size());
            Map<String, Section> without = new HashMap<>(sections);
            without.remove("kinetic");
            IOException missing = assertThrows(IOException.class,
                    () -> Stages.create(setup, Stages.epochNames(), without));
            assertTrue(missing.getMessage().contains("no section of stage kinetic"), missing.getMessage());
            List<String> moved = new ArrayList<>(olderOrder());
            moved.add(moved.indexOf("gateway") + 1, "negotiation"); // negotiation after the gateway
            Map<String, Section> older = new HashMap<>(sections);
            older.remove("kinetic");
            IOException order = assertThrows(IOException.class, () -> Stages.create(setup, moved, older));
            assertTrue(order.getMessage().contains(moved.toString()), order.getMessage());
            List<String> lacking = new ArrayList<>(olderOrder());
            lacking.remove("linking"); // a stage with state may not be missing
            Map<String, Section> noLinking = new HashMap<>(older);
            noLinking.remove("negotiation");
            noLinking.remove("linking");
            assertThrows(IOException.class, () -> Stages.create(setup, lacking, noLinking));
            Map<String, Section> padded = new HashMap<>(sections);
            padded.put("kinetic", new Section("kinetic", 1, new byte[8]));
            IOException extra = assertThrows(IOException.class, () -> Stages.create(setup, Stages.epochNames(),
                    padded));
            assertTrue(extra.getMessage().contains("kinetic section"), extra.getMessage());
        }
    }
}
