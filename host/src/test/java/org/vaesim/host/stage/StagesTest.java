package org.vaesim.host.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;

/**
 * The registry of stages stands in for the compiler's exhaustiveness checks: every registered stage has a sample
 * economy here that uses it, and on it, after some epochs, its checkpoint section reads back into a stage that
 * writes the same bytes, to the last one; a cut or padded section, another version or another order is refused
 * with a message that names it.
 */
class StagesTest {
    private static final String AUCTION = ", \"resource_auctions\": [ { \"name\": \"gpu\", \"resource\": \"compute\","
            + " \"tick_size\": 0.01, \"ticks\": 500, \"supply\": 100,"
            + " \"mechanism\": { \"type\": \"uniform_price\" }, \"bidders\": [ { \"cohort\": \"bid\","
            + " \"value_min\": 0.50, \"value_max\": 4.00, \"max_units\": 2, \"decay\": 0.8 } ] } ]";


    /** An economy that uses the stage, for each registered stage; a new stage adds its line here. */
    static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("gateway", economy(", \"gateway\": { \"markets\": [ { \"market\": \"a\" } ], \"brokers\": ["
                    + " { \"cohort\": \"f\", \"external_cash\": 5000, \"cash_target\": 20, \"max_units\": 5 } ] }")),
            Map.entry("auctions", economy(AUCTION)),
            Map.entry("missions", economy(", \"missions\": [ { \"name\": \"m\", \"tick_size\": 0.01,"
                    + " \"ticks\": 500, \"sponsor\": { \"type\": \"external\" }, \"tasks\": 50,"
                    + " \"tasks_per_round\": 10, \"reserve_price\": 2.00, \"budget\": 100,"
                    + " \"bidders\": [ { \"cohort\": \"bid\", \"cost_min\": 0.50, \"cost_max\": 1.50,"
                    + " \"capability_min\": 0.5, \"capability_max\": 0.9 } ] } ]")),
            Map.entry("lottery", economy(", \"stages\": { \"lottery\": { \"cohort\": \"bid\", \"ticket\": 0.5,"
                    + " \"every\": 2 } }")),
            Map.entry("capability", economy(AUCTION + ", \"stages\": { \"capability\": { \"cohorts\": [\"bid\"],"
                    + " \"feedback\": 0.5, \"reinvest\": 0.1, \"depreciation\": 0.02 } }")),
            Map.entry("wealth_tax", economy(", \"stages\": { \"wealth_tax\": { \"cohorts\": [\"zc\", \"bid\"],"
                    + " \"rate\": 0.05, \"every\": 3 } }")),
            Map.entry("entrenchment", economy(AUCTION + ", \"stages\": { \"entrenchment\": { \"persistence_lag\": 2,"
                    + " \"early_epochs\": 4 } }")),
            Map.entry("relationships", economy(", \"stages\": { \"relationships\": { \"buyers\": \"zc\","
                    + " \"sellers\": \"f\", \"value_min\": 1.00, \"value_max\": 3.00, \"loyalty\": 0.9 } }")),
            Map.entry("coordination", economy(", \"stages\": { \"coordination\": { \"protocol\": \"bilateral\","
                    + " \"search_cost\": 0.01, \"order_fee\": 0.01, \"upkeep\": 0.5, \"services\": [ { \"name\": \"s\","
                    + " \"buyers\": \"zc\", \"sellers\": \"bid\", \"demand\": 0.5, \"value_min\": 0.5,"
                    + " \"value_max\": 3, \"cost_min\": 0.5, \"cost_max\": 3,"
                    + " \"dormant\": { \"open_below\": 0.2, \"window\": 3 } } ] } }")),
            Map.entry("routing", economy(", { \"name\": \"a2\", \"resource\": \"compute\", \"good\": \"a\","
                    + " \"tick_size\": 0.01, \"ticks\": 400, \"initial_price\": 1.90 }", "", ", \"stages\": {"
                    + " \"routing\": { \"groups\": [ { \"cohort\": \"f\", \"venues\": [\"a\", \"a2\"],"
                    + " \"side\": \"buy\", \"threshold_ticks\": 1 } ] } }")),
            Map.entry("linking", economy(", \"stages\": { \"linking\": { \"min_orders\": 5, \"link_epochs\": 2,"
                    + " \"wash_epochs\": 3 } }")),
            Map.entry("kinetic", economy(", { \"name\": \"k\", \"strategy\": \"kinetic\", \"market\": \"a\","
                    + " \"count\": 301, \"cash\": 20, \"params\": { \"model\": \"yard_sale\", \"beta\": 0.2,"
                    + " \"tax\": 0.03 } }", "")),
            Map.entry("negotiation", economy(", { \"name\": \"n\", \"strategy\": \"negotiation\","
                    + " \"market\": \"a\", \"count\": 200, \"cash\": 5, \"params\": { \"value_min\": 1.00,"
                    + " \"value_max\": 3.00, \"tiers\": 3, \"spread\": 0.5 } }", "")));

    private static String economy(String mechanism) {
        return economy("", mechanism);
    }

    /** The sample economy with {@code cohorts} after its three (each after a comma) and {@code mechanism}. */
    private static String economy(String cohorts, String mechanism) {
        return economy("", cohorts, mechanism);
    }

    /** The sample economy with {@code markets} after its one, {@code cohorts} and {@code mechanism}. */
    private static String economy(String markets, String cohorts, String mechanism) {
        return """
            { "name": "sample", "seed": 5, "epochs": 12,
              "markets": [ { "name": "a", "resource": "compute", "tick_size": 0.01, "ticks": 400,
                             "initial_price": 2.00, "fee_bps": 25 }%s ],
              "population": [
                { "name": "zc", "strategy": "zi-c", "market": "a", "count": 300, "cash": 50,
                  "params": { "side": "buy", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 3 } },
                { "name": "f", "strategy": "fundamentalist", "market": "a", "count": 300, "cash": 40, "inventory": 5,
                  "params": { "dispersion_ticks": 30, "threshold_ticks": 3, "reaction": 0.3, "max_qty": 7,
                              "activity": 0.4 } },
                { "name": "bid", "strategy": "bidder", "market": "a", "count": 300, "cash": 10 }%s ]%s }
            """.formatted(markets, cohorts, mechanism);
    }

    @Test
    void everyRegisteredStageHasASampleEconomy() {
        List<String> missing = new ArrayList<>(Stages.epochNames());
        missing.removeAll(SAMPLES.keySet());
        assertEquals(List.of(), missing, "registered stages without a sample economy in StagesTest.SAMPLES");
        for (StageKind k : Stages.epochOrder()) {
            assertTrue(k.usedBy(Fixtures.scenario(SAMPLES.get(k.name()))), k.name() + "'s sample uses it");
        }
    }

    @Test
    void namesAndRanksAreUniqueAndTheBuiltInOrderIsTheOneResultsDependOn() {
        Stages.check(Stages.epochOrder()); // as at start-up
        List<String> names = Stages.epochNames();
        assertTrue(names.indexOf("gateway") < names.indexOf("auctions")
                && names.indexOf("auctions") < names.indexOf("missions"), names.toString());
        assertEquals(List.of("auctions", "missions", "gateway"), Stages.stateOrder().stream().map(StageKind::name)
                .filter(n -> List.of("auctions", "missions", "gateway").contains(n)).toList(),
                "the state's bytes keep the order they had before stages had names");
        List<StageKind> twice = new ArrayList<>(Stages.epochOrder());
        twice.add(Stages.epochOrder().getFirst());
        assertThrows(IllegalStateException.class, () -> Stages.check(twice));
    }

    @Test
    void everySectionReadsBackToTheSameBytes() throws IOException {
        for (StageKind kind : Stages.epochOrder()) {
            try (Engine e = Engine.start(Fixtures.scenario(SAMPLES.get(kind.name())), 2)) {
                for (int k = 0; k < 7; k++) {
                    e.step();
                }
                Stage stage = e.stages().stream().filter(s -> s.kind() == kind || s.kind().name().equals(kind.name()))
                        .findFirst().orElseThrow();
                Section written = Section.of(stage);
                StageSetup setup = new StageSetup(e.scenario(), e.layout(), e.backend());
                Section.In in = written.in();
                Stage read = kind.create(setup, in);
                in.finish();
                assertArrayEquals(written.bytes(), Section.of(read).bytes(), kind.name() + ": write(read(x)) == x");
                // a checkpoint before the stage had none of its state; routing has state only in scenarios with a
                // stages.routing section, which no vaesim before it could run
                if (kind.implicitInOlderCheckpoints() && !kind.name().equals("routing")) {
                    assertEquals(0, written.bytes().length, kind.name() + " keeps no state");
                } else {
                    assertTrue(written.bytes().length > 0, kind.name() + " writes its state");
                    byte[] cut = Arrays.copyOf(written.bytes(), written.bytes().length - 1);
                    IOException shortened = assertThrows(IOException.class, () -> {
                        Section.In c = new Section(kind.name(), written.version(), cut).in();
                        kind.create(setup, c);
                        c.finish();
                    }, kind.name() + ": a section one byte short");
                    assertTrue(shortened.getMessage().contains(kind.name()), shortened.getMessage());
                }
                Section.In padded = new Section(kind.name(), written.version(),
                        Arrays.copyOf(written.bytes(), written.bytes().length + 1)).in();
                kind.create(setup, padded);
                IOException extra = assertThrows(IOException.class, padded::finish);
                assertTrue(extra.getMessage().contains(kind.name() + " section"), extra.getMessage());
            }
        }
    }

    @Test
    void aCheckpointOfAnotherOrderVersionOrStageIsRefusedNamingIt() throws IOException {
        try (Engine e = Engine.start(Fixtures.scenario(SAMPLES.get("auctions")), 1)) {
            e.step();
            StageSetup setup = new StageSetup(e.scenario(), e.layout(), e.backend());
            Map<String, Section> sections = new HashMap<>();
            for (Section s : Stages.sections(e.stages())) {
                sections.put(s.name(), s);
            }
            List<String> swapped = new ArrayList<>(Stages.epochNames());
            java.util.Collections.reverse(swapped);
            IOException order = assertThrows(IOException.class, () -> Stages.create(setup, swapped, sections));
            assertTrue(order.getMessage().contains(swapped.toString()), order.getMessage());
            Map<String, Section> newer = new HashMap<>(sections);
            Section a = sections.get("auctions");
            newer.put("auctions", new Section("auctions", a.version() + 1, a.bytes()));
            IOException version = assertThrows(IOException.class,
                    () -> Stages.create(setup, Stages.epochNames(), newer));
            assertTrue(version.getMessage().contains("auctions section is of version " + (a.version() + 1)),
                    version.getMessage());
            Map<String, Section> foreign = new HashMap<>(sections);
            foreign.put("raffle", new Section("raffle", 1, new byte[0]));
            IOException unknown = assertThrows(IOException.class,
                    () -> Stages.create(setup, Stages.epochNames(), foreign));
            assertTrue(unknown.getMessage().contains("raffle"), unknown.getMessage());
        }
    }
}
