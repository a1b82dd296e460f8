package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.host.stage.Section;
import org.vaesim.host.stage.Stages;
import org.vaesim.kernels.Backends;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Totals of the stages at the edges of what the reader allows (issue R, "no silent overflow"): a total that no
 * conservation bounds (the value of units won in an auction, the value traded in relationships, coordination's
 * surplus and payments, which all accumulate over the run) is kept exactly or stops the run naming itself, never
 * wraps; a size the stage cannot hold is refused when the file is read.
 */
class StageLimitsTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    /**
     * 1000 bidders, each winning 1000 units valued near 10^9 credits in the first round: the value won is about
     * 10^21 micro-credits. summary.json's bidder surplus used to wrap to 1.39e12 credits; it is the value won (the
     * rounds' {@code value} column of auctions.csv, in ticks, times the tick) less the revenue, exactly.
     */
    @Test
    void anAuctionsBidderSurplusIsExactPast64Bits(@TempDir Path tmp) throws Exception {
        String json = """
            {"name": "auction-values", "seed": 1, "epochs": 2,
             "markets": [{"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 2000, "initial_price": 10}],
             "population": [{"name": "rich", "strategy": "bidder", "market": "m", "count": 1000,
                             "cash": 1000000000}],
             "resource_auctions": [{"name": "gpu", "resource": "compute", "tick_size": 1000000, "ticks": 1000,
               "reserve_price": 1000000, "supply": 1000000, "every": 1, "mechanism": {"type": "uniform_price"},
               "bidders": [{"cohort": "rich", "value_min": 998000000, "value_max": 999000000, "max_units": 1000}]}]}
            """;
        Path file = tmp.resolve("auction-values.json");
        Files.writeString(file, json);
        Path run = tmp.resolve("run");
        RunSession.start(Fixtures.scenario(json), file, run, Backends.JAVA, 1, SILENT, true, false);
        List<String> rows = Files.readAllLines(run.resolve("auctions.csv"));
        List<String> header = List.of(rows.getFirst().split(","));
        BigInteger valueTicks = BigInteger.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            valueTicks = valueTicks.add(new BigInteger(cells[header.indexOf("value")]));
            paid = paid.add(new BigDecimal(cells[header.indexOf("payment")]));
        }
        assertTrue(valueTicks.multiply(BigInteger.valueOf(1_000_000_000_000L)).bitLength() > 63,
                "the value won passes 64 bits of micro-credits: the case tests what it says");
        BigDecimal expected = new BigDecimal(valueTicks.multiply(BigInteger.valueOf(1_000_000))).subtract(paid);
        JsonNode auction = RunDirectory.JSON.readTree(run.resolve("summary.json").toFile()).path("auctions").get(0);
        assertEquals(0, expected.compareTo(auction.path("bidder_surplus").decimalValue()),
                auction.path("bidder_surplus") + " credits, expected " + expected.toPlainString());
    }

    /** ZI buyers and sellers of market a who also trade with partners off the book. */
    private static final String RELATIONSHIPS = """
        { "name": "relationships", "seed": 23, "epochs": 10,
          "markets": [ { "name": "a", "resource": "compute", "tick_size": 0.01, "ticks": 400, "initial_price": 2.00 } ],
          "population": [
            { "name": "buyers", "strategy": "zi-c", "market": "a", "count": 30, "cash": 50,
              "params": { "side": "buy", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 3 } },
            { "name": "sellers", "strategy": "zi-c", "market": "a", "count": 20, "inventory": 20,
              "params": { "side": "sell", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 3 } } ],
          "stages": { "relationships": { "buyers": "buyers", "sellers": "sellers", "value_min": 1.00,
                                         "value_max": 3.00, "loyalty": 1 } } }
        """;

    /**
     * The value traded in relationships sums every epoch's trades, money that changes hands again and again: a
     * checkpoint whose total is a micro-credit short of 2^63 makes the next trading epoch fail, naming the stage,
     * where the sum used to wrap to a negative value in summary.json.
     */
    @Test
    void theValueTradedInRelationshipsStopsTheRunRatherThanWrap() throws IOException {
        // the section: buyers' and sellers' partners (ints), then units, repeat units, value, ... (longs)
        int valueAt = 4 * (30 + 20) + 2 * Long.BYTES;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> stepWithTotal(RELATIONSHIPS, "relationships", valueAt));
        assertTrue(e.getMessage().contains("relationships") && e.getMessage().contains("left 64 bits"),
                e.getMessage());
    }

    /** Bidders who need agent time from providers, found by bilateral search. */
    private static String coordination(int clients) {
        return """
            {"name": "coordination", "seed": 1, "epochs": 10,
             "markets": [{"name": "t", "resource": "agent_time", "tick_size": 0.01, "ticks": 2000,
                          "initial_price": 10.0}],
             "population": [{"name": "clients", "strategy": "bidder", "market": "t", "count": %d, "cash": 10000},
                            {"name": "providers", "strategy": "bidder", "market": "t", "count": 50, "cash": 10000}],
             "stages": {"coordination": {"protocol": "bilateral", "search_cost": 0.05, "contacts": 4,
               "services": [{"name": "s", "buyers": "clients", "sellers": "providers", "demand": 0.5,
                             "value_min": 5, "value_max": 15, "cost_min": 5, "cost_max": 15}]}}}
            """.formatted(clients);
    }

    /**
     * Coordination's run totals (surplus attainable and realised, payments) grow with every epoch, bounded by no
     * stock of money: a checkpoint whose benchmark surplus is a micro-credit short of 2^63 makes the next epoch fail
     * naming the service, where it used to wrap.
     */
    @Test
    void coordinationTotalsStopTheRunRatherThanWrap() throws IOException {
        int maxSurplusAt = Long.BYTES + 4 * Long.BYTES; // the account, then service 0's counters from NEED
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> stepWithTotal(coordination(50), "coordination", maxSurplusAt));
        assertTrue(e.getMessage().contains("coordination") && e.getMessage().contains("service s")
                && e.getMessage().contains("left 64 bits"), e.getMessage());
    }

    /**
     * Runs three epochs, restores the economy with the long at {@code offset} of stage {@code stage}'s section set
     * to 2^63 - 2 (a checkpoint of a very long run), and runs to the end.
     */
    private static void stepWithTotal(String json, String stage, int offset) throws IOException {
        Scenario s = Fixtures.scenario(json);
        try (Engine first = Engine.start(s, Backends.JAVA, 1)) {
            for (int e = 0; e < 3; e++) {
                first.step();
            }
            Map<String, Section> sections = Stages.sections(first.stages()).stream()
                    .collect(Collectors.toMap(Section::name, x -> x));
            Section written = sections.get(stage);
            byte[] bytes = written.bytes().clone();
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, Long.MAX_VALUE - 1);
            sections.put(stage, new Section(stage, written.version(), bytes));
            try (Engine rest = Engine.restore(s, Backends.JAVA, 1, first.population(), first.markets(),
                    first.accounting(), first.safety(), Stages.epochNames(), sections, first.epoch())) {
                while (!rest.finished()) {
                    rest.step();
                }
            }
        }
    }

    /**
     * The call auction of a coordination service holds an agent's place in 23 bits of its sort keys: a side of
     * 8,388,608 agents is refused when the file is read (exit 2 through the CLI), where a run used to pass validate
     * and then stop at its start (exit 1, no summary.json); 8,388,607 is read.
     */
    @Test
    void aCoordinationSideLargerThanItsSortKeysIsRefusedWhenRead() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ScenarioLoader.parse(coordination(8_388_608), "c.json"));
        assertEquals("$.stages.coordination.services[0].buyers", e.jsonPath(), e.getMessage());
        assertEquals("\"clients\"", e.badValue(), e.getMessage());
        assertTrue(e.allowed().contains("at most 8388607 agents"), e.getMessage());
        assertDoesNotThrow(() -> ScenarioLoader.parse(coordination(8_388_607), "c.json"));
    }
}
