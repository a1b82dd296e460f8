package org.vaesim.kernels.decide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.DeviceKernels;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.KernelBackends;
import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.Device;
import org.vaesim.kernels.device.KernelSignatures;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * Every registered strategy family that places orders, built-in or plugin, with each of its params examples: its Java
 * twin (through {@link DecideSegment}, as the Java backend runs it, in two pieces) and its C source (through its
 * record's device launch, as the device backends run it) must write bit-identical orders, on random public state and
 * inventories over several epochs. The tested segment starts off the work-group grid and ends inside a group. Runs on
 * opencl and cuda (skipped without a device; failed in CI without OpenCL). A new family needs no line here.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {Backends.OPENCL, Backends.CUDA})
class DecideFamilyParityTest {
    private static final int EPOCHS = 6;
    private final String backend;

    DecideFamilyParityTest(String backend) {
        this.backend = backend;
    }

    /** One case: a family and one of its params examples. */
    record Case(StrategyFamily family, int example) {
        @Override
        public String toString() {
            return family.jsonName() + " example " + example;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (DecideFamily f : DecideFamilies.all()) {
            if (f.placesOrders()) {
                for (int e = 0; e < f.family().params().examples().size(); e++) {
                    cases.add(new Case(f.family(), e));
                }
            }
        }
        return cases;
    }

    /** Two cohorts of the family with the example's params (37 and 1001 agents), in the examples' market. */
    static Scenario scenario(StrategyFamily family, String params) throws ConfigException {
        String cohort = "{\"name\": \"%s\", \"strategy\": \"" + family.jsonName() + "\", \"market\": \"m\", \"count\":"
                + " %d, \"cash\": 1000, \"inventory\": 30, \"params\": " + params + "}";
        return ScenarioLoader.parse("{\"name\": \"parity\", \"seed\": 7, \"epochs\": 10, \"markets\": [{\"name\":"
                + " \"m\", \"resource\": \"compute\", \"tick_size\": 0.01, \"ticks\": 1000, \"initial_price\": 2.50}],"
                + " \"population\": [" + cohort.formatted("a", 37) + ", " + cohort.formatted("b", 1001) + "]}",
                family.jsonName() + " example");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void twinAndCSourceWriteTheSameOrders(Case c) throws ConfigException {
        DeviceKernels kernels = KernelBackends.of(backend);
        DecideFamily family = DecideFamilies.of(c.family());
        Scenario scenario = scenario(c.family(), c.family().params().examples().get(c.example()));
        Layout layout = new Layout(scenario);
        Segment s = layout.segments().get(1);
        assertEquals(37, s.start(), "the tested segment starts off the group grid");
        SplittableRandom r = new SplittableRandom(c.family().code() * 31L + c.example());
        long key = Philox.key(scenario.seed(), Streams.DECIDE);
        long orders = 0;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Population java = layout.initialPopulation(scenario.seed());
            for (int i = 0; i < java.inventory.length; i++) {
                java.inventory[i] = r.nextInt(-60, 61); // long, short and flat agents, some past their limits
                java.quota[i] += r.nextInt(0, 2) * r.nextInt(-1, 3);
            }
            int[] quota = java.quota.clone();
            EpochInputs in = inputs(r, epoch);
            int[] rng = Philox.agentWordScratch();
            int middle = s.start() + 300;
            DecideSegment.decide(s, scenario.markets().get(0), s.start(), middle, in, java, Philox.keyLo(key),
                    Philox.keyHi(key), rng);
            DecideSegment.decide(s, scenario.markets().get(0), middle, s.end(), in, java, Philox.keyLo(key),
                    Philox.keyHi(key), rng);
            Population device = layout.initialPopulation(scenario.seed());
            System.arraycopy(java.inventory, 0, device.inventory, 0, device.inventory.length);
            System.arraycopy(quota, 0, device.quota, 0, quota.length);
            launch(kernels.device(), family, s, scenario, in, device, key);
            assertArrayEquals(java.bidTick, device.bidTick, c + ", epoch " + epoch + ": bid ticks");
            assertArrayEquals(java.bidQty, device.bidQty, c + ", epoch " + epoch + ": bid quantities");
            assertArrayEquals(java.askTick, device.askTick, c + ", epoch " + epoch + ": ask ticks");
            assertArrayEquals(java.askQty, device.askQty, c + ", epoch " + epoch + ": ask quantities");
            for (int i = s.start(); i < s.end(); i++) {
                orders += (java.bidQty[i] > 0 ? 1 : 0) + (java.askQty[i] > 0 ? 1 : 0);
            }
        }
        assertTrue(orders > 0, c + " placed no order in " + EPOCHS + " epochs: the example tests nothing");
    }

    /**
     * Public state that moves up, down or not at all, with volumes from none to large; the host's signals (shares,
     * expected log returns and their spreads for the heterogeneous-belief families) alternate between [0, 1) and small
     * moves either way.
     */
    private static EpochInputs inputs(SplittableRandom r, int epoch) {
        EpochInputs in = new EpochInputs(1, 2);
        in.epoch = 3 + epoch;
        in.lastTick[0] = r.nextInt(150, 350);
        in.previousTick[0] = in.lastTick[0] + (epoch % 3 - 1) * r.nextInt(0, 20);
        in.fundamentalTick[0] = r.nextInt(150, 350);
        in.previousVolume[0] = epoch % 2 == 0 ? 0 : r.nextLong(1, 100_000);
        in.lookbackTick[1] = in.lastTick[0] + r.nextInt(-30, 31);
        in.anchorTick[1] = epoch == 4 ? r.nextInt(150, 350) : 0;
        for (int k = 0; k < in.signals.length; k++) {
            in.signals[k] = epoch % 2 == 0 ? r.nextDouble() : r.nextDouble(-0.03, 0.03);
        }
        return in;
    }

    /** The record's device launch over the population's columns, copied to the device and the orders back. */
    private static void launch(Device d, DecideFamily family, Segment s, Scenario scenario, EpochInputs in,
                               Population p, long key) {
        List<Buffer> made = new ArrayList<>();
        try {
            Buffer cash = made(d, made, p.cash);
            Buffer inventory = made(d, made, p.inventory);
            Buffer trait = made(d, made, p.trait);
            Buffer quota = made(d, made, p.quota);
            Buffer bidTick = made(d, made, p.bidTick);
            Buffer bidQty = made(d, made, p.bidQty);
            Buffer askTick = made(d, made, p.askTick);
            Buffer askQty = made(d, made, p.askQty);
            DecideFamily.Columns columns = new DecideFamily.Columns(cash, inventory, trait, quota, bidTick, bidQty,
                    askTick, askQty, Philox.keyLo(key), Philox.keyHi(key), (kernel, items, args) -> {
                        KernelSignatures.program().check(kernel, args);
                        d.launch(kernel, items, args);
                    });
            family.device().launch(columns, DecideFamilies.kernel(family.family()), s, scenario.markets().get(0), in);
            d.read(bidTick, p.bidTick);
            d.read(bidQty, p.bidQty);
            d.read(askTick, p.askTick);
            d.read(askQty, p.askQty);
        } finally {
            made.forEach(d::release);
        }
    }

    private static Buffer made(Device d, List<Buffer> made, int[] column) {
        Buffer b = d.alloc(Buffer.Type.INT, column.length);
        made.add(b);
        d.write(b, column);
        return b;
    }

    private static Buffer made(Device d, List<Buffer> made, long[] column) {
        Buffer b = d.alloc(Buffer.Type.LONG, column.length);
        made.add(b);
        d.write(b, column);
        return b;
    }

    /** The registry covers every family of the scenario language, in code order, and each example reads. */
    @Test
    void everyRegisteredFamilyHasARecordAndItsExamplesRead() throws ConfigException {
        StrategyFamily[] families = StrategyFamily.values();
        assertEquals(families.length, DecideFamilies.all().size());
        for (int code = 0; code < families.length; code++) {
            assertEquals(families[code], DecideFamilies.all().get(code).family(), "record of code " + code);
            for (String example : families[code].params().examples()) {
                assertEquals(families[code], scenario(families[code], example).cohorts().getFirst().family());
            }
        }
    }
}
